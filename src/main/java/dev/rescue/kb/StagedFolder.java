package dev.rescue.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A folder written in a hidden sibling ({@code .NAME.partial-PID-N}) and renamed into place only
 * when whole, so that a build killed half-way (kill -9, power loss) leaves nothing at the target that
 * looks complete. A sibling left by a process that is no longer alive is deleted when the next
 * staging for the same target begins.
 */
final class StagedFolder implements AutoCloseable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path target;
  private final Path staging;
  private boolean committed;

  private StagedFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /** Creates the staging sibling of {@code target} (whose parent is created when missing). */
  static StagedFolder begin(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    String name = abs.getFileName().toString();
    try {
      Files.createDirectories(parent);
      deleteAbandoned(parent, name);
      Path staging = parent.resolve("." + name + ".partial-" + ProcessHandle.current().pid() + "-"
          + SEQUENCE.incrementAndGet());
      deleteRecursively(staging);
      Files.createDirectory(staging);
      return new StagedFolder(abs, staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a staging folder next to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Where to write. */
  Path path() {
    return staging;
  }

  /**
   * Puts the staged folder in place of the target: one rename when there is no target; else the old
   * target is renamed aside first and deleted after (two renames: in between there is no target,
   * never a mixture).
   *
   * @return false when another process put a folder there first (the target is then left as it is)
   */
  boolean commit() {
    try {
      if (Files.exists(target)) {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid() + "-"
            + SEQUENCE.incrementAndGet());
        move(target, old);
        try {
          move(staging, target);
        } catch (IOException e) {
          move(old, target); // put the previous folder back rather than leave none
          throw e;
        }
        deleteRecursively(old);
      } else {
        try {
          move(staging, target);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
          return false;
        }
      }
      committed = true;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + staging + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the staging folder unless it was committed. */
  @Override
  public void close() {
    if (committed) return;
    try {
      deleteRecursively(staging);
    } catch (IOException ignored) {
      // a leftover sibling is deleted by the next staging once this process is gone
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Staging and set-aside siblings of {@code name} whose process is gone. */
  private static void deleteAbandoned(Path parent, String name) throws IOException {
    String partial = "." + name + ".partial-";
    String old = "." + name + ".old-";
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        String rest = n.startsWith(partial) ? n.substring(partial.length()) : n.startsWith(old) ? n.substring(old.length()) : null;
        if (rest == null) continue;
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
        deleteRecursively(p);
      }
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
  }
}
