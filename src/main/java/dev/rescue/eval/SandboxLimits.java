package dev.rescue.eval;

/**
 * Limits applied to every command run on a sample's behalf.
 *
 * @param wallSeconds wall-clock time before the whole process tree is killed
 * @param cpuSeconds CPU time (RLIMIT_CPU)
 * @param memoryBytes writable private memory (RLIMIT_DATA: counts heap and anonymous maps, not the
 *     address space that V8 and Go reserve, which RLIMIT_AS would wrongly count)
 * @param processes processes and threads of the sandbox user (RLIMIT_NPROC; only enforced for a
 *     non-root user, hence the drop to {@code nobody} when the harness runs as root)
 * @param outputBytes largest file, including captured stdout and stderr (RLIMIT_FSIZE)
 */
public record SandboxLimits(int wallSeconds, int cpuSeconds, long memoryBytes, int processes, long outputBytes) {
  public SandboxLimits {
    if (wallSeconds <= 0 || cpuSeconds <= 0) throw new IllegalArgumentException("time limits must be positive");
    if (memoryBytes < 64L << 20) throw new IllegalArgumentException("memoryBytes below 64 MB: " + memoryBytes);
    if (processes < 8) throw new IllegalArgumentException("processes below 8: " + processes);
    if (outputBytes < 4096) throw new IllegalArgumentException("outputBytes below 4 KB: " + outputBytes);
  }

  /** Defaults that fit CWEval's slowest tasks (Go builds, regex timeouts) on a 2-core machine. */
  public static SandboxLimits defaults() {
    return new SandboxLimits(120, 120, 2L << 30, 256, 16L << 20);
  }

  public SandboxLimits withWallSeconds(int seconds) {
    return new SandboxLimits(seconds, Math.min(cpuSeconds, seconds), memoryBytes, processes, outputBytes);
  }
}
