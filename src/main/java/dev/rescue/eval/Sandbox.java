package dev.rescue.eval;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sample's commands in its own folder with limits. Layers, each used when the machine allows:
 * <ul>
 *   <li>{@code unshare -n -p -f --kill-child}: no network (an empty network namespace) and a PID
 *       namespace, so killing its first process kills every process the sample forked;</li>
 *   <li>{@code setpriv} to {@code nobody} when the harness runs as root: RLIMIT_NPROC is not enforced
 *       for root, and as {@code nobody} the sample cannot write outside its (world-writable) folder;</li>
 *   <li>{@code prlimit}: CPU, memory, processes, file size (which also caps captured output);</li>
 *   <li>a wall-clock limit enforced here, by killing the process tree.</li>
 * </ul>
 * The environment is cleared: PATH, HOME and TMPDIR (the sample folder) plus what the caller adds.
 */
public final class Sandbox implements AutoCloseable {
  private static final int CAPTURE = 64 * 1024;
  private static final String NOBODY = "65534";

  private final SandboxLimits limits;
  private final Path root;
  private final boolean isolateNetwork;
  private final boolean dropUser;
  private final boolean prlimit;

  private Sandbox(SandboxLimits limits, Path root, boolean isolateNetwork, boolean dropUser, boolean prlimit) {
    this.limits = limits;
    this.root = root;
    this.isolateNetwork = isolateNetwork;
    this.dropUser = dropUser;
    this.prlimit = prlimit;
  }

  /** Probes the machine once and makes a fresh root folder under the system temp folder. */
  public static Sandbox create(SandboxLimits limits) {
    try {
      Path root = Files.createTempDirectory("rescue-sandbox-").toAbsolutePath();
      // others must traverse the root to reach their sample folder once the user is dropped
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
      boolean net = probe(List.of("unshare", "-n", "-p", "-f", "--kill-child", "true"));
      boolean root0 = probe(List.of("sh", "-c", "test \"$(id -u)\" = 0"));
      boolean drop = root0 && probe(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "true"));
      boolean pr = probe(List.of("prlimit", "--cpu=5", "true"));
      return new Sandbox(limits, root, net, drop, pr);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the sandbox folder: " + e.getMessage(), e);
    }
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
    m.put("network_isolated", isolateNetwork);
    m.put("network_note", isolateNetwork ? "unshare -n" : "unshare -n not permitted here: samples can reach the network");
    m.put("user_dropped", dropUser);
    m.put("rlimits", prlimit);
    m.put("wall_seconds", limits.wallSeconds());
    m.put("cpu_seconds", limits.cpuSeconds());
    m.put("memory_bytes", limits.memoryBytes());
    m.put("processes", limits.processes());
    m.put("output_bytes", limits.outputBytes());
    return m;
  }

  public boolean isolatesNetwork() {
    return isolateNetwork;
  }

  /** The shared folder for harness files (compatibility modules, caches), readable by the sample user. */
  public Path sharedDir(String name) {
    try {
      Path d = root.resolve("shared-" + name);
      Files.createDirectories(d);
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
      return d;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + name + " in the sandbox: " + e.getMessage(), e);
    }
  }

  /** A new empty folder for one sample, writable by the sample user. */
  public Path newSampleDir() {
    try {
      Path d = Files.createTempDirectory(root, "s");
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
      return d;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a sample folder: " + e.getMessage(), e);
    }
  }

  /** Makes a file or folder the harness wrote readable (and folders writable) for the sample user. */
  public static void share(Path p) {
    try (var s = Files.walk(p)) {
      for (Path q : (Iterable<Path>) s::iterator) {
        Files.setPosixFilePermissions(q, PosixFilePermissions.fromString(Files.isDirectory(q) ? "rwxrwxrwx" : "rw-rw-rw-"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot share " + p + ": " + e.getMessage(), e);
    }
  }

  /** Runs a command in a sample folder under all the limits. */
  public SandboxRun run(List<String> command, Path dir, Map<String, String> env) {
    return run(command, dir, env, limits.wallSeconds());
  }

  public SandboxRun run(List<String> command, Path dir, Map<String, String> env, int wallSeconds) {
    return run(command, dir, env, wallSeconds, true);
  }

  /**
   * @param limitMemory false for AddressSanitizer binaries, whose shadow memory (terabytes of
   *     reserved address space) RLIMIT_DATA refuses; the caller then limits memory through
   *     {@code ASAN_OPTIONS=hard_rss_limit_mb}
   */
  public SandboxRun run(List<String> command, Path dir, Map<String, String> env, int wallSeconds, boolean limitMemory) {
    List<String> full = new ArrayList<>();
    if (isolateNetwork) full.addAll(List.of("unshare", "-n", "-p", "-f", "--kill-child"));
    if (dropUser) full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    if (prlimit) {
      full.addAll(List.of("prlimit", "--cpu=" + limits.cpuSeconds()));
      if (limitMemory) full.add("--data=" + limits.memoryBytes());
      full.addAll(List.of("--nproc=" + limits.processes(), "--fsize=" + limits.outputBytes(), "--core=0", "--"));
    }
    full.addAll(command);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(root, "out", ".txt");
      err = Files.createTempFile(root, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> e = pb.environment();
      e.clear();
      e.put("PATH", "/usr/local/bin:/usr/bin:/bin");
      e.put("HOME", dir.toString());
      e.put("TMPDIR", dir.toString());
      e.put("LANG", "C.UTF-8");
      e.putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(wallSeconds, TimeUnit.SECONDS);
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

  private static void kill(Process p) throws InterruptedException {
    // without a PID namespace, forked children outlive their parent: kill them first
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

  private static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover capture file in the sandbox root goes with the root on close
    }
  }

  /** Removes a sample folder and everything the sample wrote in it. */
  public void cleanup(Path dir) {
    deleteTree(dir);
  }

  @Override
  public void close() {
    deleteTree(root);
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // best effort: the OS temp cleaner removes what a sample made undeletable
    }
  }
}
