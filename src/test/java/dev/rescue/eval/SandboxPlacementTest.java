package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.testing.Requires;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where rescue really runs: a fresh JVM opens the harness with java.io.tmpdir where bin/rescue puts it
 * ({@code $HOME/.cache/rescue/tmp}) and scores a CWEval reference, as root with a 0700 home (the
 * reported defect: 0/107, "PermissionError ... pytest.ini") and as an ordinary user.
 */
class SandboxPlacementTest {
  static final Path DATA = Path.of("/work/shared/data/cweval/benchmark");
  static final String TASK = "core/py/cwe_020_0";

  @Test
  void asRootWithA0700HomeTheReferencePasses(@TempDir Path tmp) throws Exception {
    Requires.data(DATA);
    Requires.that(isRoot(), "not root: the 0700-home defect is a root harness's");
    Path home = Files.createDirectory(tmp.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path cache = Files.createDirectories(home.resolve(".cache/rescue/tmp"));
    List<String> out = childJvm(List.of(), System.getProperty("java.class.path"), home, cache);
    assertThat(out).as(String.join("\n", out)).anySatisfy(l -> assertThat(l).startsWith("VERDICT PASS true"));
  }

  @Test
  void asAnOrdinaryUserTheReferencePasses(@TempDir Path tmp) throws Exception {
    Requires.data(DATA);
    Requires.that(isRoot(), "not root: cannot become another user to try (run as root to cover this)");
    Requires.tool("setpriv");
    int uid = 63000;
    // a folder the user can reach: its home (0700, its own) and a readable copy of the classpath
    Path base = Files.createTempDirectory(Path.of("/tmp"), "rescue-user-test-");
    try {
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path classpath = Files.createDirectory(base.resolve("cp"));
      List<String> entries = new ArrayList<>();
      for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(e);
        if (Files.isDirectory(p) || p.getFileName().toString().startsWith("jackson")) {
          Path copy = classpath.resolve(entries.size() + "-" + p.getFileName());
          copyTree(p, copy);
          entries.add(copy.toString());
        }
      }
      openToAll(classpath);
      Path home = Files.createDirectory(base.resolve("home"));
      Path cache = Files.createDirectories(home.resolve(".cache/rescue/tmp"));
      chownTree(home, uid);
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
      List<String> out = childJvm(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"),
          String.join(File.pathSeparator, entries), home, cache);
      assertThat(out).as(String.join("\n", out)).anySatisfy(l -> assertThat(l).startsWith("VERDICT PASS true"));
      // an ordinary user gets the private root through a user namespace where the kernel allows it
      Process userns = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
          "unshare", "-r", "-m", "-p", "-f", "-n", "true").redirectErrorStream(true).start();
      userns.getInputStream().readAllBytes();
      boolean allowed = userns.waitFor() == 0;
      assertThat(out).as(String.join("\n", out)).contains("ISOLATION " + (allowed ? "user_namespace" : "none"));
    } finally {
      Sandbox.deleteTree(base);
    }
  }

  private static List<String> childJvm(List<String> as, String classpath, Path home, Path tmpdir) throws Exception {
    List<String> cmd = new ArrayList<>(as);
    cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpdir, "-cp", classpath,
        ScoreReferenceMain.class.getName(), DATA.toString(), TASK));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void openToAll(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private static void chownTree(Path dir, int uid) throws Exception {
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", uid);
      }
    }
  }
}
