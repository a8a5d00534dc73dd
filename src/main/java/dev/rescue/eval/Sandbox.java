package dev.rescue.eval;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sample's commands in its own folder, confined and limited. What it builds, where the
 * machine allows (the strongest {@link Confinement} that works is found by trying it at creation):
 * <ul>
 *   <li>namespaces ({@code unshare -m -p -f -n -i -u}): no network, its own PIDs and {@code /proc},
 *       its own IPC, and a private root ({@link SandboxScript}) holding only the system's folders
 *       read-only, the harness's folders read-only and the sample's own folder, with empty
 *       {@code /tmp}, {@code /var/tmp} and {@code /dev/shm} that vanish with the command. The home
 *       folder, the project checkout, caches, other samples and the host's processes are not there.
 *       An ordinary user gets the same through a user namespace ({@code unshare -r}), running as
 *       that namespace's root stripped of every capability;</li>
 *   <li>as root, a user per sample folder ({@link SandboxUsers}): the folder is the sample user's,
 *       mode 0700; builds (compilers) run as a separate builder user that alone can write the build
 *       caches ({@link #sharedDir}), and the folder is handed back to the sample user before its
 *       own code runs, so no sample can poison what later samples are built with (compilers do not
 *       run the code they compile, and cgo refuses unsafe flags). A per-sample cache would also be
 *       safe: with Debian's Go 1.19, whose standard library ships compiled, a cold cache cost about
 *       what a warm one did (about 2 s a build either way); from Go 1.20 on the standard library
 *       is compiled into the cache, which makes the shared one worth keeping;</li>
 *   <li>{@code prlimit}: CPU, memory, processes, file size (which also caps captured output);</li>
 *   <li>a wall-clock limit enforced here, by killing the process tree;</li>
 *   <li>the environment is cleared: PATH, HOME and TMPDIR (the sample folder) plus what the caller adds;</li>
 *   <li>verdicts travel over a {@link ReportChannel}, not through a file the sample could write.</li>
 * </ul>
 *
 * <p>Where the folders live. With a private root the sample reaches its folder through the bind
 * mount, whose parents are folders of the new root, so the sandbox's host folder can and does stay
 * private (0700) wherever {@code java.io.tmpdir} is, even under a 0700 home. Without one (mounts
 * refused) a root harness needs a path the dropped users can traverse: then the sandbox lives in
 * {@code java.io.tmpdir} only if every ancestor is traversable by others, else in the system's
 * {@code /var/tmp} or {@code /tmp}, its root folder 0711 and each sample folder 0700.
 *
 * <p>{@link #describe()} says which of these this machine gave, and what a sample can still reach.
 */
public final class Sandbox implements AutoCloseable {
  private static final int CAPTURE = 64 * 1024;

  /** How one command runs. {@code build}: as the builder, with the build caches writable. */
  public record Options(int wallSeconds, boolean limitMemory, boolean build, ReportChannel channel) {
    public static Options sample(int wallSeconds) {
      return new Options(wallSeconds, true, false, null);
    }

    public static Options build(int wallSeconds) {
      return new Options(wallSeconds, true, true, null);
    }

    /**
     * For AddressSanitizer binaries, whose shadow memory (terabytes of reserved address space)
     * RLIMIT_DATA refuses; the caller then limits memory through {@code ASAN_OPTIONS=hard_rss_limit_mb}.
     */
    public Options withoutMemoryLimit() {
      return new Options(wallSeconds, false, build, channel);
    }

    public Options withChannel(ReportChannel c) {
      return new Options(wallSeconds, limitMemory, build, c);
    }
  }

  private final SandboxLimits limits;
  private final Confinement confinement;
  private final SandboxUsers users;
  private final boolean root;
  private final Path home;
  private final Path samples;
  private final Path harness;
  private final Path builds;
  private final Path privateDir;
  private final Path stage;
  private final Set<Path> readOnly = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final Map<String, Path> caches = new ConcurrentHashMap<>();
  /** Each live sample folder and the uid it was leased (-1 when users are not dropped). */
  private final Map<Path, Integer> leases = new ConcurrentHashMap<>();
  /** The stronger kinds this machine refused, with why. */
  private List<String> refused = List.of();

  private Sandbox(SandboxLimits limits, Confinement confinement, SandboxUsers users, boolean root, Path base) throws IOException {
    this.limits = limits;
    this.confinement = confinement;
    this.users = users;
    this.root = root;
    boolean traversed = confinement.dropsUser() && !confinement.privateRoot();
    this.home = Files.createTempDirectory(base, "rescue-sandbox-").toRealPath();
    setMode(home, traversed ? "rwx--x--x" : "rwx------");
    this.samples = Files.createDirectory(home.resolve("samples"));
    setMode(samples, traversed ? "rwx--x--x" : "rwx------");
    this.harness = Files.createDirectory(home.resolve("harness"));
    setMode(harness, "rwxr-xr-x");
    this.builds = Files.createDirectory(home.resolve("build"));
    setMode(builds, "rwxr-xr-x");
    this.privateDir = Files.createDirectory(home.resolve("private"));
    setMode(privateDir, "rwx------");
    this.stage = Files.createDirectory(privateDir.resolve("root"));
  }

  /** Probes the machine once and makes a fresh sandbox folder. */
  public static Sandbox create(SandboxLimits limits) {
    return create(limits, List.of());
  }

  /**
   * @param visible host folders every command may read (e.g. a {@code node_modules} folder or an
   *     interpreter outside {@code /usr}); with a private root nothing else outside the system's
   *     folders is there
   */
  public static Sandbox create(SandboxLimits limits, Collection<Path> visible) {
    boolean root = isRoot();
    boolean rlimits = probe(List.of("prlimit", "--cpu=5", "true"));
    SandboxUsers users = root ? SandboxUsers.fromSystem() : null;
    boolean drop = root && probe(List.of("setpriv", "--reuid=" + users.builder(), "--regid=" + users.builder(),
        "--clear-groups", "true"));
    List<Confinement.Kind> kinds = root
        ? List.of(Confinement.Kind.PRIVATE_ROOT, Confinement.Kind.NETWORK_ONLY, Confinement.Kind.NONE)
        : List.of(Confinement.Kind.USER_NAMESPACE, Confinement.Kind.NONE);
    List<String> refused = new ArrayList<>();
    for (Confinement.Kind kind : kinds) {
      Confinement c = new Confinement(kind, drop, rlimits);
      Sandbox s;
      try {
        s = new Sandbox(limits, c, drop ? users : null, root, SandboxHome.base(c));
      } catch (IOException e) {
        throw new IllegalStateException("cannot create the sandbox folder: " + e.getMessage(), e);
      }
      for (Path p : visible) s.expose(p);
      String why = kind == Confinement.Kind.NONE ? null : s.trial();
      if (why == null) {
        s.refused = List.copyOf(refused);
        return s;
      }
      refused.add(kind + ": " + why);
      s.close();
    }
    throw new IllegalStateException("no sandbox works here: " + refused);
  }

  /** Null when a trivial command runs confined as a sample would, else why not. */
  private String trial() {
    Path dir = newSampleDir();
    try (ReportChannel channel = openChannel()) {
      SandboxRun run = run(List.of("/bin/sh", "-c", "echo trial >&3 && echo ok"), dir, Map.of(),
          Options.sample(30).withChannel(channel));
      return run.ok() && run.stdout().strip().equals("ok") ? null
          : "exit " + run.exit() + ": " + run.stderr().strip().replace("\n", " / ");
    } finally {
      cleanup(dir);
    }
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: fall back to the name
    }
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean probe(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public SandboxLimits limits() {
    return limits;
  }

  /** What isolation this machine gave, for the report. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("isolation", confinement.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("network_isolated", confinement.isolatesNetwork());
    m.put("network_note", !confinement.isolatesNetwork() ? "unshare refused here: samples can reach the network"
        // SandboxScript brings the namespace's loopback up with ip(8): a sample's own servers on 127.0.0.1 work
        : Toolchain.onPath("ip") ? "unshare -n: an empty network namespace, its own loopback device up (a sample reaches"
            + " its own servers on 127.0.0.1, nothing of the host's)"
        : "unshare -n: an empty network namespace, its loopback device down (ip(8) not found): a sample cannot reach"
            + " even its own servers on 127.0.0.1");
    m.put("filesystem", confinement.privateRoot()
        ? "private root: system folders (" + String.join(", ", SandboxScript.SYSTEM) + ") and harness folders read-only, "
            + "the sample's own folder, empty /tmp /var/tmp /dev/shm per command; no home, checkout or other samples"
        : "the host's (sandbox folder private: root 0711, sample folders 0700)");
    m.put("pid_view", confinement.kind() == Confinement.Kind.NONE ? "host PIDs visible"
        : confinement.privateRoot() ? "own PID namespace and /proc (other users' processes hidden)"
        : "own PID namespace, host /proc");
    m.put("user_dropped", confinement.dropsUser());
    m.put("users", confinement.dropsUser() ? users.describe()
        : confinement.privateRoot() ? "the invoking user, as user-namespace root without capabilities"
        : "the invoking user");
    m.put("report_channel", "HMAC-chained records on inherited fd " + ReportChannel.RECORD_FD
        + ", per-run key on fd " + ReportChannel.KEY_FD + " closed before the sample is imported");
    m.put("gaps", confinement.gaps());
    if (!refused.isEmpty()) m.put("refused", refused);
    m.put("rlimits", confinement.rlimits());
    m.put("wall_seconds", limits.wallSeconds());
    m.put("cpu_seconds", limits.cpuSeconds());
    m.put("memory_bytes", limits.memoryBytes());
    m.put("processes", limits.processes());
    m.put("output_bytes", limits.outputBytes());
    return m;
  }

  public boolean isolatesNetwork() {
    return confinement.isolatesNetwork();
  }

  /** Whether samples see a private root (no host files but the system's and their own). */
  public boolean hasPrivateRoot() {
    return confinement.privateRoot();
  }

  /** Whether samples run as users of their own (the harness is root). */
  public boolean dropsUser() {
    return confinement.dropsUser();
  }

  /**
   * A build cache shared by every sample's build (e.g. Go's GOCACHE): writable only by {@link
   * #build builds}, which run as the builder, and not in view of any sample's own code.
   */
  public Path sharedDir(String name) {
    checkName(name);
    return caches.computeIfAbsent(name, n -> {
      try {
        Path d = Files.createDirectories(builds.resolve(n));
        setMode(d, "rwxr-xr-x");
        if (confinement.dropsUser()) setOwner(d, users.builder());
        return d;
      } catch (IOException e) {
        throw new IllegalStateException("cannot create build cache " + n + " in the sandbox: " + e.getMessage(), e);
      }
    });
  }

  /**
   * A folder for the harness's own files (plugin, compatibility modules): the harness's, and
   * read-only in every command's view. Fill it before the first run.
   */
  public Path harnessDir(String name) {
    checkName(name);
    try {
      Path d = Files.createDirectories(harness.resolve(name));
      setMode(d, "rwxr-xr-x");
      return d;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create harness folder " + name + ": " + e.getMessage(), e);
    }
  }

  /** Makes a host folder (or file) readable, and only readable, by every later command. */
  public void expose(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!Files.exists(p)) throw new IllegalArgumentException("cannot expose " + path + " to samples: it does not exist");
    for (String top : SandboxScript.SYSTEM) if (p.startsWith("/" + top)) return;
    readOnly.add(p);
  }

  /** A new empty folder for one sample: its own user's (where users are dropped), mode 0700. */
  public Path newSampleDir() {
    try {
      Path d = Files.createTempDirectory(samples, "s");
      setMode(d, "rwx------");
      int uid = confinement.dropsUser() ? users.lease() : -1;
      if (uid >= 0) setOwner(d, uid);
      leases.put(d, uid);
      return d;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a sample folder: " + e.getMessage(), e);
    }
  }

  /** A fresh report channel for one run (see {@link ReportChannel}); close it after reading. */
  public ReportChannel openChannel() {
    return ReportChannel.open(privateDir);
  }

  /**
   * Kept for callers: the sandbox itself hands the sample folder to the user who runs in it before
   * every command, so there is nothing left to share.
   */
  public static void share(Path p) {
    // nothing to do: see run()
  }

  /** Runs a command in a sample folder under all the limits. */
  public SandboxRun run(List<String> command, Path dir, Map<String, String> env) {
    return run(command, dir, env, limits.wallSeconds());
  }

  public SandboxRun run(List<String> command, Path dir, Map<String, String> env, int wallSeconds) {
    return run(command, dir, env, wallSeconds, true);
  }

  /** @param limitMemory false for AddressSanitizer binaries (see {@link Options#withoutMemoryLimit()}) */
  public SandboxRun run(List<String> command, Path dir, Map<String, String> env, int wallSeconds, boolean limitMemory) {
    Options o = Options.sample(wallSeconds);
    return run(command, dir, env, limitMemory ? o : o.withoutMemoryLimit());
  }

  /** Compiles in a sample folder as the builder, with the build caches writable. */
  public SandboxRun build(List<String> command, Path dir, Map<String, String> env) {
    return run(command, dir, env, Options.build(limits.wallSeconds()));
  }

  public SandboxRun run(List<String> command, Path dir, Map<String, String> env, Options options) {
    Path cwd = dir.toAbsolutePath().normalize();
    Path folder = sampleFolderOf(cwd);
    Integer uid = null;
    if (confinement.dropsUser()) uid = options.build() ? users.builder() : leases.get(folder);
    if (uid != null && root) handOver(folder, uid);
    List<Path> writable = new ArrayList<>(List.of(folder));
    if (options.build()) writable.addAll(caches.values());
    List<Path> visible = new ArrayList<>(List.of(harness));
    synchronized (readOnly) {
      visible.addAll(readOnly);
    }
    List<String> prlimit = null;
    if (confinement.rlimits()) {
      prlimit = new ArrayList<>(List.of("prlimit", "--cpu=" + limits.cpuSeconds()));
      if (options.limitMemory()) prlimit.add("--data=" + limits.memoryBytes());
      prlimit.addAll(List.of("--nproc=" + limits.processes(), "--fsize=" + limits.outputBytes(), "--core=0", "--"));
    }
    SandboxScript script = new SandboxScript(confinement, stage, cwd, writable, visible, options.channel(), uid, prlimit,
        limits.memoryBytes() / 2);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(privateDir, "out", ".txt");
      err = Files.createTempFile(privateDir, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(script.commandLine(command)).directory(cwd.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> e = pb.environment();
      e.clear();
      e.put("PATH", "/usr/local/bin:/usr/bin:/bin");
      e.put("HOME", cwd.toString());
      e.put("TMPDIR", cwd.toString());
      e.put("LANG", "C.UTF-8");
      e.putAll(env);
      if (options.channel() != null) {
        // descriptor numbers only: the channel's path and key are never in the sample's environment
        e.put("RESCUE_REPORT_FD", Integer.toString(ReportChannel.RECORD_FD));
        e.put("RESCUE_KEY_FD", Integer.toString(ReportChannel.KEY_FD));
      }
      Process p = pb.start();
      boolean done = p.waitFor(options.wallSeconds(), TimeUnit.SECONDS);
      if (!done) kill(p);
      int exit = done ? p.exitValue() : 137;
      return new SandboxRun(exit, !done, head(out), tail(err));
    } catch (IOException e) {
      return new SandboxRun(127, false, "", "cannot start " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SandboxRun(130, false, "", "interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The live sample folder that holds {@code dir}. */
  private Path sampleFolderOf(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (leases.containsKey(p)) return p;
    }
    throw new IllegalArgumentException("not in a sample folder of this sandbox: " + dir + " (make one with newSampleDir())");
  }

  /**
   * Makes everything in a sample folder the given user's, owner-only. Links are never followed (their
   * own owner changes), and no sample process is alive between two commands to race this walk: the
   * PID namespace dies with its first process.
   */
  private static void handOver(Path folder, int uid) {
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
          own(d, attrs);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          own(f, attrs);
          return FileVisitResult.CONTINUE;
        }

        private void own(Path p, BasicFileAttributes attrs) throws IOException {
          Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isSymbolicLink() || !(attrs.isDirectory() || attrs.isRegularFile())) return;
          PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
          Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
          Set<PosixFilePermission> had = view.readAttributes().permissions();
          perms.add(PosixFilePermission.OWNER_READ);
          perms.add(PosixFilePermission.OWNER_WRITE);
          if (attrs.isDirectory() || had.contains(PosixFilePermission.OWNER_EXECUTE)) perms.add(PosixFilePermission.OWNER_EXECUTE);
          view.setPermissions(perms);
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot hand sample folder " + folder + " to uid " + uid + ": " + e.getMessage(), e);
    }
  }

  private static void kill(Process p) throws InterruptedException {
    // the PID namespace dies with unshare's child; without one, forked children outlive their parent
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private static String head(Path f) throws IOException {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
      byte[] b = new byte[(int) Math.min(CAPTURE, r.length())];
      r.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  private static String tail(Path f) throws IOException {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
      long len = r.length();
      byte[] b = new byte[(int) Math.min(CAPTURE, len)];
      r.seek(len - b.length);
      r.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover file in the private folder goes with the sandbox folder on close
    }
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw new IllegalArgumentException("sandbox folder name must be a plain file name: " + name);
    }
  }

  private static void setMode(Path p, String mode) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  private static void setOwner(Path p, int uid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
  }

  /** Removes a sample folder and everything the sample wrote in it, and frees its user. */
  public void cleanup(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    deleteTree(d);
    Integer uid = leases.remove(d);
    if (uid != null && uid >= 0) users.release(uid);
  }

  @Override
  public void close() {
    deleteTree(home);
  }

  /**
   * Deletes a folder tree without following links and without entering another file system (a mount
   * point found inside is left alone, so a bind mount that outlived its namespace is never emptied).
   */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    Object device = deviceOf(dir);
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (device != null && !device.equals(deviceOf(d))) return FileVisitResult.SKIP_SUBTREE;
          // a sample running as the harness's own user may have taken its own write bit away
          if (!Files.isWritable(d) || !Files.isExecutable(d)) {
            try {
              setMode(d, "rwx------");
            } catch (IOException ignored) {
              // not ours: the deletes below fail quietly
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException ignored) {
            // best effort, as below
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) {
          try {
            Files.deleteIfExists(d);
          } catch (IOException ignored) {
            // not empty (a skipped mount point) or not ours
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // best effort: the OS temp cleaner removes what a sample made undeletable
    }
  }

  private static Object deviceOf(Path p) {
    try {
      return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }
}
