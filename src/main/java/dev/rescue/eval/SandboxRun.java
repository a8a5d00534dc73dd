package dev.rescue.eval;

/**
 * What one sandboxed command did.
 *
 * @param exit the exit status (128 + signal when killed by a signal)
 * @param timedOut killed by the wall-clock limit
 * @param stdout at most the first 64 KB
 * @param stderr at most the last 64 KB
 */
public record SandboxRun(int exit, boolean timedOut, String stdout, String stderr) {
  public boolean ok() {
    return exit == 0 && !timedOut;
  }

  /** Why the command failed, in a line: the limit it hit or the last error line it printed. */
  public String reason() {
    if (timedOut) return "timed out (wall-clock limit)";
    if (exit == 0) return null;
    String err = stderr == null ? "" : stderr;
    String lower = err.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("network is unreachable") || lower.contains("enetunreach")
        || lower.contains("temporary failure in name resolution") || lower.contains("name or service not known")) {
      return "network blocked: " + lastLine(err);
    }
    if (lower.contains("memoryerror") || lower.contains("cannot allocate memory") || lower.contains("out of memory")
        || lower.contains("bad_alloc")) {
      return "memory limit: " + lastLine(err);
    }
    if (lower.contains("resource temporarily unavailable") || lower.contains("blockingioerror")) {
      return "process limit: " + lastLine(err);
    }
    if (lower.contains("permission denied") || lower.contains("read-only file system")) {
      return "write outside the sample folder refused: " + lastLine(err);
    }
    if (exit == 128 + 24 || exit == 128 + 9 && lower.isBlank()) return "killed (CPU limit)";
    if (exit == 128 + 25) return "output size limit";
    String line = lastLine(err);
    return line.isEmpty() ? "exit " + exit : line;
  }

  static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty()) return l.length() > 300 ? l.substring(0, 300) : l;
    }
    return "";
  }
}
