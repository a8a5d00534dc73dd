package dev.rescue.eval.oracle;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CodeQL query (or folder of queries) that judges one scenario, as {@code codeql database analyze}
 * takes it.
 *
 * <p>CodeGuard+'s {@code check_ql} is written for its authors' machine and shell: the standard
 * queries as paths into a checkout at {@code ~/codeql/codeql-repo/LANG/ql/src/...} (with shell-escaped
 * spaces, since codeql_eval.py runs the command through a shell), and its own queries relative to the
 * benchmark folder ({@code data/base/cwe-125/0-c/cwe_125_my-1.ql}, beside a qlpack.yml). Standard
 * queries become pack references ({@code codeql/python-queries:Security/CWE-022/PathInjection.ql}),
 * which the CodeQL CLI resolves wherever its packs are installed; the benchmark's own become absolute
 * files.
 *
 * @param specifier what is passed to {@code codeql database analyze}
 * @param checkQl the benchmark's {@code check_ql} as written, for messages
 */
public record CodeqlQuery(String specifier, String checkQl) {
  private static final Pattern STANDARD = Pattern.compile("^~/codeql/codeql-repo/(python|cpp|javascript|go|java)/ql/src/(.+)$");

  public CodeqlQuery {
    if (specifier == null || specifier.isBlank()) throw new IllegalArgumentException("CodeQL query must not be blank");
  }

  /**
   * Reads a {@code check_ql}: a standard query under {@code ~/codeql/codeql-repo}, or a path relative
   * to the benchmark folder.
   *
   * @return null for a null or blank check_ql (the scenario has no CodeQL query)
   */
  public static CodeqlQuery fromCheckQl(String checkQl, Path benchmarkRoot) {
    if (checkQl == null || checkQl.isBlank()) return null;
    String path = checkQl.strip().replace("\\ ", " ");
    Matcher m = STANDARD.matcher(path);
    if (m.matches()) return new CodeqlQuery("codeql/" + m.group(1) + "-queries:" + m.group(2), checkQl);
    if (path.startsWith("~") || path.startsWith("/")) {
      throw new IllegalArgumentException("check_ql '" + checkQl + "' is neither under ~/codeql/codeql-repo/ nor relative to the benchmark folder");
    }
    return new CodeqlQuery(benchmarkRoot.toAbsolutePath().normalize().resolve(path).toString(), checkQl);
  }

  @Override
  public String toString() {
    return specifier;
  }
}
