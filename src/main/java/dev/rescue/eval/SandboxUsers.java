package dev.rescue.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numeric users a root harness drops to: one builder, which owns the build caches and runs the
 * compilers, and one user per live sample folder, leased when the folder is made and returned when it
 * is removed. So samples scored at once ({@code --jobs N}) cannot read or signal each other, a fork
 * bomb spends only its own RLIMIT_NPROC (counted per user), and no sample can write what the builder
 * writes. The ids have no account: they start at {@code rescue.sandbox.uid} (default 64000, below
 * 65536 so they exist in a container's user-id map) and skip ids that {@code /etc/passwd} names.
 * Two rescue processes on one machine lease from the same range, so a lease also holds a lock file
 * ({@code /var/tmp/rescue-sandbox-uids/UID.lock}, root's, 0700 folder) that the other process's
 * {@code tryLock} sees; the kernel drops it if the process dies.
 */
final class SandboxUsers {
  static final int DEFAULT_BASE = 64000;
  /** Ids leased at once at most; a run with more live sample folders than this is a bug. */
  private static final int MAX = 512;

  private final int builder;
  private final int firstSample;
  private final Set<Integer> taken;
  private final TreeSet<Integer> leased = new TreeSet<>();
  private final java.util.Map<Integer, java.nio.channels.FileChannel> locks = new java.util.HashMap<>();
  private final Path lockDir;

  private SandboxUsers(int base, Set<Integer> taken, Path lockDir) {
    this.taken = taken;
    this.lockDir = lockDir;
    this.builder = next(base - 1);
    this.firstSample = builder + 1;
  }

  static SandboxUsers fromSystem() {
    int base = Integer.getInteger("rescue.sandbox.uid", DEFAULT_BASE);
    if (base < 1000 || base > 2_000_000_000) throw new IllegalArgumentException("rescue.sandbox.uid out of range: " + base);
    Path lockDir = null;
    try {
      lockDir = Files.createDirectories(Path.of("/var/tmp", "rescue-sandbox-uids"));
      Files.setPosixFilePermissions(lockDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (IOException | UnsupportedOperationException e) {
      lockDir = null; // no shared lock folder: leases are unique within this process only
    }
    return new SandboxUsers(base, accountIds(Path.of("/etc/passwd")), lockDir);
  }

  /** The uids that /etc/passwd gives to accounts (none when it is unreadable). */
  static Set<Integer> accountIds(Path passwd) {
    Set<Integer> ids = new HashSet<>();
    try {
      for (String line : Files.readAllLines(passwd)) {
        String[] f = line.split(":");
        if (f.length > 2) {
          try {
            ids.add(Integer.parseInt(f[2]));
          } catch (NumberFormatException ignored) {
            // a malformed line names no id
          }
        }
      }
    } catch (IOException ignored) {
      // no passwd file: no account to avoid
    }
    return ids;
  }

  private int next(int after) {
    int id = after + 1;
    while (taken.contains(id)) id++;
    return id;
  }

  int builder() {
    return builder;
  }

  /** The lowest free sample id. */
  synchronized int lease() {
    if (leased.size() >= MAX) throw new IllegalStateException(MAX + " sample folders live at once: are cleanup() calls missing?");
    int id = next(firstSample - 1);
    while (leased.contains(id) || !lock(id)) id = next(id);
    leased.add(id);
    return id;
  }

  /** Takes the machine-wide lock of a uid; false when another process holds it. */
  private boolean lock(int id) {
    if (lockDir == null) return true;
    try {
      java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockDir.resolve(id + ".lock"),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
      if (ch.tryLock() == null) {
        ch.close();
        return false;
      }
      locks.put(id, ch);
      return true;
    } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
      return false;
    }
  }

  synchronized void release(int id) {
    leased.remove(id);
    java.nio.channels.FileChannel ch = locks.remove(id);
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing drops the lock either way
      }
    }
  }

  String describe() {
    return "builder uid " + builder + ", one uid per live sample folder from " + firstSample;
  }
}
