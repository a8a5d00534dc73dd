package dev.rescue.check;

/**
 * The port of {@code rescue check}, the repair loop, MCP {@code check_code} and
 * {@code /v1/security-check}: finds weaknesses in one unit of code. Never throws for bad code; a tool
 * that fails is a {@link ToolFailure} in the result.
 */
@FunctionalInterface
public interface CodeChecker {
  CheckResult check(SourceUnit unit);
}
