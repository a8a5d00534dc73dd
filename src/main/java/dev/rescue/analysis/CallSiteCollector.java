package dev.rescue.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Gathers, during one walk of a front-end over its calls, both the set of names
 * ({@link LanguageFrontEnd#apiCalls}) and the sites ({@link LanguageFrontEnd#apiCallSites}), so the
 * two can never disagree.
 */
public final class CallSiteCollector {
  private final TreeSitterSource src;
  private final int firstLineShift;
  private final Set<String> names = new LinkedHashSet<>();
  private final List<CallSite> sites = new ArrayList<>();

  /**
   * @param firstLineShift characters a wrapper put before the code on its first line (Java and
   *     JavaScript parse a lone method inside one), taken off the columns of line 1
   */
  public CallSiteCollector(TreeSitterSource src, int firstLineShift) {
    this.src = src;
    this.firstLineShift = firstLineShift;
  }

  /** The names a call node goes by. */
  public void add(TSNode call, Collection<String> apis) {
    names.addAll(apis);
    int line = src.startLine(call);
    int column = src.startColumn(call) - (line == 1 ? firstLineShift : 0);
    for (String api : new LinkedHashSet<>(apis)) {
      if (!ApiName.isBlank(api)) sites.add(new CallSite(api, line, Math.max(1, column)));
    }
  }

  public Set<String> names() {
    return names;
  }

  public List<CallSite> sites() {
    return List.copyOf(sites);
  }

  /** How many characters {@link TreeSitterParsers#parseBestWrapped} put before {@code code}. */
  public static int wrapperShift(TreeSitterSource src, String code, List<String> wrappers) {
    String text = src.text();
    for (String w : wrappers) {
      if (text.startsWith(w) && text.length() == w.length() + (code == null ? 0 : code.length()) + 2) {
        return w.length();
      }
    }
    return 0;
  }
}
