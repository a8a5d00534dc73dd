package dev.rescue.model;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CWE identifiers in their one canonical spelling, {@code CWE-89}. */
public final class CweIds {
  private static final Pattern ID = Pattern.compile("(?i)^\\s*(?:cwe)?[-_ ]?0*(\\d{1,5})\\s*$");

  private CweIds() {}

  /** {@code cwe-089}, {@code CWE_89}, {@code 89} all give {@code CWE-89}. */
  public static String normalize(String raw) {
    if (raw == null) throw new IllegalArgumentException("CWE id is missing");
    Matcher m = ID.matcher(raw);
    if (!m.matches()) throw new IllegalArgumentException("not a CWE id: '" + raw + "'");
    String digits = m.group(1);
    return "CWE-" + (digits.isEmpty() ? "0" : Integer.parseInt(digits));
  }

  /** Each id normalised, in sorted order; none (or null) gives the empty set. */
  public static Set<String> normalizeAll(Collection<String> raw) {
    if (raw == null || raw.isEmpty()) return Set.of();
    Set<String> out = new TreeSet<>();
    for (String c : raw) out.add(normalize(c));
    return out;
  }

  /** The number of a normalised id. */
  public static int number(String cwe) {
    return Integer.parseInt(normalize(cwe).substring(4));
  }
}
