package dev.rescue.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script that the sandbox's first process runs (PID 1 of its namespaces, still privileged),
 * with the command as its arguments. In order:
 * <ol>
 *   <li>with an isolated network: the namespace's own loopback device is brought up;</li>
 *   <li>with a private root: a fresh tmpfs at {@code stage} becomes the root. It holds the system's
 *       read-only folders ({@link #SYSTEM}, bound read-only, or their symlinks), a {@code /dev} of the
 *       harmless character devices only, a new {@code /proc} of this PID namespace (other users'
 *       processes hidden), empty {@code /tmp}, {@code /var/tmp} and {@code /dev/shm} that vanish with
 *       the run, and, at their host paths, the sample's folder (writable) and the harness's folders
 *       (read-only). Everything else (home folders, the project checkout, other samples, caches) is
 *       simply not there;</li>
 *   <li>in a child, which PID 1 waits for: the report channel's descriptors are opened and its key
 *       file removed (see {@link ReportChannel}), {@code pivot_root} enters the new root and the old
 *       one is detached, and the command runs as the sample's user with no capabilities and no way
 *       to gain privileges ({@code setpriv}), under {@code prlimit}. PID 1 passes on its status.</li>
 * </ol>
 * A failed setup step exits {@value #SETUP_FAILED} with a {@code rescue-sandbox:} line on stderr.
 */
record SandboxScript(
    Confinement confinement, Path stage, Path cwd, List<Path> writable, List<Path> readOnly,
    ReportChannel channel, Integer uid, List<String> prlimit, long tmpfsBytes) {

  static final int SETUP_FAILED = 125;
  /** Top-level system folders a sample may read: programs, libraries and configuration. */
  static final List<String> SYSTEM = List.of("usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32");
  /** The devices bound into the private /dev. */
  static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

  /** The full command line: {@code [unshare ...] sh -c SCRIPT rescue-sandbox COMMAND...}. */
  List<String> commandLine(List<String> command) {
    List<String> full = new ArrayList<>(confinement.prefix());
    full.addAll(List.of("/bin/sh", "-c", text(), "rescue-sandbox"));
    full.addAll(command);
    return full;
  }

  String text() {
    StringBuilder s = new StringBuilder();
    s.append("die() { echo \"rescue-sandbox: setup step failed: $1\" >&2; exit ").append(SETUP_FAILED).append("; }\n");
    s.append("umask 022\n");
    // the setup tools (pivot_root) are in sbin; the command gets the caller's PATH back
    s.append("command_path=$PATH\nPATH=/usr/sbin:/sbin:/usr/bin:/bin\n");
    // the empty network namespace has only a loopback device, down: up, a sample's own servers on
    // 127.0.0.1 work (benchmarks' tests use them) while nothing outside the namespace is reachable
    if (confinement.isolatesNetwork()) s.append("ip link set lo up 2>/dev/null\n");
    if (confinement.privateRoot()) privateRoot(s);
    // the rest runs in a foreground child, so PID 1 holds no channel descriptor and the command gets
    // default signal dispositions (an asynchronous list would ignore SIGINT)
    s.append("(\n");
    if (channel != null) {
      step(s, "exec 3>>" + q(channel.log()) + " 4<" + q(channel.keyFile()), "open the report channel");
      step(s, "rm -f " + q(channel.keyFile()), "remove the channel key");
    }
    if (confinement.privateRoot()) {
      step(s, "pivot_root . .old", "pivot_root");
      step(s, "umount -l /.old", "detach the old root");
      step(s, "rmdir /.old", "remove the old root's mount point");
    }
    step(s, "cd " + q(cwd), "enter the sample folder");
    s.append("PATH=$command_path\n");
    s.append("exec");
    for (String a : dropArgs()) s.append(' ').append(a);
    if (prlimit != null) for (String a : prlimit) s.append(' ').append(a);
    s.append(" \"$@\"\n)\n");
    return s.toString();
  }

  private void privateRoot(StringBuilder s) {
    long mb = Math.max(32, tmpfsBytes >> 20);
    step(s, "mount -t tmpfs -o mode=0755,size=" + mb + "m,nosuid,nodev rescue-root " + q(stage), "mount the root tmpfs");
    step(s, "cd " + q(stage), "enter the new root");
    List<String> dirs = new ArrayList<>(List.of("proc", "dev", "dev/shm", "tmp", "var/tmp", ".old"));
    List<String> links = new ArrayList<>();
    List<String> binds = new ArrayList<>();
    for (String top : SYSTEM) {
      Path p = Path.of("/", top);
      if (Files.isSymbolicLink(p)) {
        try {
          links.add("ln -s " + q(Files.readSymbolicLink(p).toString()) + " " + q(top));
        } catch (java.io.IOException e) {
          // an unreadable link is left out, as a missing folder is
        }
      } else if (Files.isDirectory(p)) {
        dirs.add(top);
        binds.add(roBind(p, top));
      }
    }
    StringBuilder mk = new StringBuilder("mkdir -p");
    for (String d : dirs) mk.append(' ').append(q(d));
    for (Path p : writable) mk.append(' ').append(q("." + p));
    for (Path p : readOnly) if (Files.isDirectory(p)) mk.append(' ').append(q("." + p));
    step(s, mk.toString(), "make the mount points");
    step(s, "chmod 1777 tmp var/tmp dev/shm", "open /tmp to the sample");
    for (String l : links) step(s, l, "link a system folder");
    for (String b : binds) step(s, b, "bind a system folder");
    StringBuilder touch = new StringBuilder("touch");
    for (String d : DEVICES) touch.append(" dev/").append(d);
    step(s, touch.toString(), "make the device mount points");
    for (String d : DEVICES) step(s, "mount --bind /dev/" + d + " dev/" + d, "bind /dev/" + d);
    step(s, "ln -s /proc/self/fd dev/fd && ln -s /proc/self/fd/0 dev/stdin && ln -s /proc/self/fd/1 dev/stdout"
        + " && ln -s /proc/self/fd/2 dev/stderr", "link /dev/fd");
    for (Path p : writable) step(s, "mount --bind " + q(p) + " " + q("." + p), "bind the sample folder");
    for (Path p : readOnly) {
      if (!Files.isDirectory(p)) {
        step(s, "mkdir -p " + q("." + p.getParent()) + " && touch " + q("." + p), "make a file mount point");
      }
      step(s, roBind(p, "." + p), "bind a harness folder");
    }
    // other users' processes (PID 1 here, root) are hidden where the kernel knows hidepid
    step(s, "mount -t proc -o nosuid,nodev,noexec,hidepid=2 proc proc 2>/dev/null"
        + " || mount -t proc -o nosuid,nodev,noexec proc proc", "mount /proc");
  }

  /**
   * A read-only bind. nosuid and nodev are asked for because a user namespace may not clear flags the
   * host mount has, and noexec is tried last for a host folder mounted noexec.
   */
  private static String roBind(Path source, String target) {
    return "mount --bind -o ro,nosuid,nodev " + q(source) + " " + q(target)
        + " || mount --bind -o ro,nosuid,nodev,noexec " + q(source) + " " + q(target);
  }

  private List<String> dropArgs() {
    if (!confinement.dropsUser() && !confinement.privateRoot()) return List.of();
    List<String> a = new ArrayList<>(List.of("setpriv"));
    if (uid != null) a.addAll(List.of("--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
    a.addAll(List.of("--no-new-privs", "--inh-caps=-all", "--bounding-set=-all"));
    return a;
  }

  private static void step(StringBuilder s, String command, String what) {
    s.append(command).append(" || die ").append(q(what)).append('\n');
  }

  /** A shell word: single-quoted, single quotes escaped. */
  static String q(Object o) {
    return "'" + o.toString().replace("'", "'\\''") + "'";
  }
}
