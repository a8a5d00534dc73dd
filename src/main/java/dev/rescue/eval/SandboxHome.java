package dev.rescue.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/**
 * Where the sandbox's folder goes. With a private root anywhere does: samples reach their folder
 * through a bind mount, never through its host path. Without one, a root harness that drops to other
 * users needs a host path those users can traverse: {@code java.io.tmpdir} when every ancestor is
 * searchable by others, else the system's {@code /var/tmp} or {@code /tmp} (bin/rescue points
 * java.io.tmpdir into the home folder, which is often 0700).
 */
final class SandboxHome {
  static final List<Path> SYSTEM_TEMP = List.of(Path.of("/var/tmp"), Path.of("/tmp"));

  private SandboxHome() {}

  static Path base(Confinement c) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    Files.createDirectories(tmp);
    tmp = tmp.toRealPath();
    if (!c.dropsUser() || c.privateRoot()) return tmp;
    String blocked = untraversable(tmp);
    if (blocked == null) return tmp;
    for (Path sys : SYSTEM_TEMP) {
      if (Files.isDirectory(sys) && untraversable(sys.toRealPath()) == null) return sys.toRealPath();
    }
    throw new IOException("no folder the sample users can reach: java.io.tmpdir " + tmp + " is under " + blocked
        + ", which others cannot search, and neither /var/tmp nor /tmp is usable; point -Djava.io.tmpdir at a folder "
        + "every user can traverse");
  }

  /** The first folder from the root down that others cannot search, or null. */
  static String untraversable(Path dir) throws IOException {
    Path p = dir.getRoot();
    for (Path name : dir) {
      p = p.resolve(name);
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) return p.toString();
    }
    return null;
  }
}
