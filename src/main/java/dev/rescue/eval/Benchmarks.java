package dev.rescue.eval;

import dev.rescue.eval.oracle.SecurityOracles;
import java.nio.file.Path;
import java.util.Locale;

/** The benchmark kinds, in one place: {@code KIND:DIR} to an adapter. */
public final class Benchmarks {
  public static final String KINDS = "cweval, codeguardplus, humaneval, humanevalplus, bigcodebench";

  private Benchmarks() {}

  public static Benchmark open(String spec, Toolchain toolchain, Path shims, SecurityOracles oracles) {
    return open(spec, toolchain, shims, oracles, false);
  }

  /** @param sanitize build CWEval's C/C++ samples with AddressSanitizer */
  public static Benchmark open(String spec, Toolchain toolchain, Path shims, SecurityOracles oracles, boolean sanitize) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("--benchmark: expected KIND:DIR (KIND one of " + KINDS + "), got '" + spec + "'");
    }
    String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
    Path dir = Path.of(spec.substring(colon + 1));
    return switch (kind) {
      case "cweval" -> new CwevalBenchmark(dir, toolchain, shims).sanitize(sanitize);
      case "codeguardplus", "codeguard+" -> new CodeGuardPlusBenchmark(dir, toolchain, shims, oracles);
      case "humaneval" -> new HumanEvalBenchmark(dir, toolchain);
      case "humanevalplus", "humaneval+" -> new HumanEvalPlusBenchmark(dir, toolchain, shims, oracles);
      case "bigcodebench" -> new BigCodeBenchBenchmark(dir, toolchain, shims, oracles);
      default -> throw new IllegalArgumentException("--benchmark: unknown kind '" + kind + "' (expected " + KINDS + ")");
    };
  }
}
