package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile samples against the sandbox's walls, for real: each probe is a Python program run as a
 * sample, and each assertion is about what it managed to see or leave behind.
 */
class SandboxIsolationTest {
  static Sandbox sandbox;

  @BeforeAll
  static void open() {
    sandbox = Sandbox.create(new SandboxLimits(20, 20, 512L << 20, 64, 1L << 20));
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  private static void requirePrivateRoot() {
    Requires.that(sandbox.hasPrivateRoot(), "this machine refuses mount namespaces: " + sandbox.describe().get("refused"));
  }

  private SandboxRun python(Path dir, String code) throws Exception {
    Files.writeString(dir.resolve("probe.py"), code);
    return sandbox.run(List.of("/usr/bin/python3", "probe.py"), dir, Map.of());
  }

  private SandboxRun python(String code) throws Exception {
    Path dir = sandbox.newSampleDir();
    try {
      return python(dir, code);
    } finally {
      sandbox.cleanup(dir);
    }
  }

  @Test
  void aSamplesOwnLoopbackServerWorksButTheHostsIsOutOfReach() throws Exception {
    Requires.that(sandbox.isolatesNetwork(), "this machine refuses network namespaces");
    try (java.net.ServerSocket host = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      SandboxRun run = python("import socket, threading\n"
          + "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)\n"
          + "port = srv.getsockname()[1]\n"
          + "threading.Thread(target=lambda: srv.accept()[0].sendall(b'own'), daemon=True).start()\n"
          + "c = socket.create_connection(('127.0.0.1', port), timeout=5); print(c.recv(3).decode())\n"
          + "try:\n"
          + "    socket.create_connection(('127.0.0.1', " + host.getLocalPort() + "), timeout=5); print('host reached')\n"
          + "except OSError as e:\n"
          + "    print('host refused')\n");
      assertThat(run.ok()).as(run.stderr()).isTrue();
      assertThat(run.stdout().lines().toList()).containsExactly("own", "host refused");
    }
    assertThat((String) sandbox.describe().get("network_note")).contains("empty network namespace")
        .contains("loopback device up");
  }

  @Test
  void tmpAndDevShmArePrivateToOneCommand() throws Exception {
    requirePrivateRoot();
    String name = "rescue-probe-" + UUID.randomUUID();
    SandboxRun writer = python("for d in ('/tmp', '/dev/shm', '/var/tmp'):\n"
        + "    open(d + '/" + name + "', 'w').write('state for the next sample')\n"
        + "print('wrote')\n");
    assertThat(writer.stdout()).as(writer.stderr()).contains("wrote");
    for (String d : List.of("/tmp", "/dev/shm", "/var/tmp")) {
      assertThat(Path.of(d, name)).as("host " + d).doesNotExist();
    }
    SandboxRun reader = python("import os\n"
        + "print(sorted(os.listdir('/tmp')), sorted(os.listdir('/dev/shm')), sorted(os.listdir('/var/tmp')))\n");
    assertThat(reader.ok()).as(reader.stderr()).isTrue();
    assertThat(reader.stdout().strip()).isEqualTo("[] [] []");
  }

  @Test
  void theProjectCheckoutAndWorldReadableHostFilesAreOutOfView(@TempDir Path hostDir) throws Exception {
    requirePrivateRoot();
    Path pom = Path.of("pom.xml").toAbsolutePath();
    Path cacheListing = hostDir.resolve("cache-listing.txt");
    Files.writeString(cacheListing, "secret-ish");
    Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(cacheListing, PosixFilePermissions.fromString("rw-r--r--"));
    String home = System.getProperty("user.home");
    SandboxRun run = python("import os\n"
        + "for p in ['" + pom + "', '" + cacheListing + "']:\n"
        + "    try:\n"
        + "        open(p).read(); print('READ', p)\n"
        + "    except OSError as e:\n"
        + "        print('refused', type(e).__name__)\n"
        + "for d in ['" + home + "', '/home', '/root', '/work', '" + pom.getParent() + "']:\n"
        + "    try:\n"
        + "        # only the way down to its own folder may be there\n"
        + "        leaked = [e for e in os.listdir(d) if not os.getcwd().startswith(os.path.join(d, e) + '/')]\n"
        + "        if leaked: print('LISTED', d, leaked)\n"
        + "    except OSError as e:\n"
        + "        print('refused', type(e).__name__)\n");
    assertThat(run.ok()).as(run.stderr()).isTrue();
    assertThat(run.stdout()).doesNotContain("READ").doesNotContain("LISTED");
  }

  @Test
  void hostProcessesAreNotInProc() throws Exception {
    requirePrivateRoot();
    SandboxRun run = python("import os\n"
        + "pids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
        + "cmds = []\n"
        + "for p in pids:\n"
        + "    try:\n"
        + "        cmds.append(open('/proc/%s/cmdline' % p, 'rb').read().replace(b'\\0', b' ').decode())\n"
        + "    except OSError:\n"
        + "        pass\n"
        + "print(len(pids))\n"
        + "print('|'.join(cmds))\n");
    assertThat(run.ok()).as(run.stderr()).isTrue();
    String[] lines = run.stdout().split("\n");
    // the probe itself (and at most the sandbox's init, when the kernel shows it)
    assertThat(Integer.parseInt(lines[0].strip())).isLessThanOrEqualTo(3);
    assertThat(run.stdout()).doesNotContain("java").doesNotContain("surefire");
  }

  @Test
  void aSampleCannotReadAnotherLiveSamplesFolder() throws Exception {
    Path other = sandbox.newSampleDir();
    Path mine = sandbox.newSampleDir();
    try {
      Files.writeString(other.resolve("secret.txt"), "the other sample's data");
      // the other sample has run once, so its folder is in its user's hands as between two steps
      assertThat(python(other, "print('ran')").ok()).isTrue();
      SandboxRun run = python(mine, "import os\n"
          + "try:\n"
          + "    print('READ', open('" + other.resolve("secret.txt") + "').read())\n"
          + "except OSError as e:\n"
          + "    print('refused', type(e).__name__)\n"
          + "try:\n"
          + "    print('LISTED', os.listdir('" + other + "'))\n"
          + "except OSError as e:\n"
          + "    print('refused', type(e).__name__)\n");
      assertThat(run.ok()).as(run.stderr()).isTrue();
      assertThat(run.stdout()).doesNotContain("READ").doesNotContain("LISTED");
    } finally {
      sandbox.cleanup(other);
      sandbox.cleanup(mine);
    }
  }

  @Test
  void aSampleCannotWriteTheSharedBuildCache() throws Exception {
    Path cache = sandbox.sharedDir("gocache");
    String name = "poisoned-" + UUID.randomUUID();
    SandboxRun run = python("open('" + cache.resolve(name) + "', 'w').write('x')\n");
    assertThat(run.ok()).isFalse();
    assertThat(cache.resolve(name)).doesNotExist();
  }

  @Test
  void theShadowFileAndTheHarnessEnvironmentStayClosed() throws Exception {
    SandboxRun run = python("import os\n"
        + "try:\n"
        + "    print('READ', open('/etc/shadow').read()[:20])\n"
        + "except OSError as e:\n"
        + "    print('refused', type(e).__name__)\n"
        + "print(sorted(os.environ))\n");
    assertThat(run.ok()).as(run.stderr()).isTrue();
    assertThat(run.stdout()).doesNotContain("READ").doesNotContain("JAVA_HOME").doesNotContain("MAVEN");
  }

  @Test
  void describeSaysWhatThisMachineGave() {
    Map<String, Object> d = sandbox.describe();
    assertThat(d).containsKeys("isolation", "network_isolated", "filesystem", "users", "report_channel", "gaps");
    if (sandbox.hasPrivateRoot()) assertThat((List<?>) d.get("gaps")).as("gaps of %s", d.get("isolation")).isNotNull();
  }
}
