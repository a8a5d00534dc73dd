package dev.rescue.analysis.c;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites C the grammar cannot know into C it can, without moving any line: every edit stays
 * within its line (a word becomes spaces or a keyword of the same length, a {@code ;} is added at
 * the end of a line). Real functions (SVEN, kernel and library code) come without the line that
 * held their return type and full of project macros; these repairs recover most of them. The
 * front-end keeps a repaired text only when it parses with fewer error bytes than the original.
 *
 * <ul>
 *   <li>annotation macros ({@code __user}, {@code __init}, {@code pTHX_}, {@code TSRMLS_CC}) are
 *       blanked everywhere;
 *   <li>in the signature head (the words before the first {@code (}), identifiers that cannot be
 *       the type or the name ({@code MagickExport Image *f(}, {@code ZEND_API void
 *       ZEND_FASTCALL f(}) are blanked, and a head with no type at all ({@code f(int x)}, its
 *       return type was on the line before) gets {@code int} in front;
 *   <li>a loop macro used as a statement header ({@code list_for_each(pos, head) {}) becomes a
 *       {@code while} over the comma expression of its arguments;
 *   <li>a macro call used as a statement without its {@code ;} ({@code DisableMSCWarning(4127)},
 *       {@code x = READ16 (buf, j)}) gets one, when its parentheses close on its line;
 *   <li>conditional compilation is resolved to one branch, consistently ({@link PreprocessorBranches}):
 *       a {@code #if} that splits a statement ({@code } else #endif}) no longer breaks the parse;
 *   <li>GNU case ranges ({@code case 'a' ... 'z':}) become {@code case 'a' +0* 'z':}, the same
 *       length and a constant expression;
 *   <li>a lone upper-case macro on its own line ({@code RestoreMSCWarning}, {@code EMIT_LINE}), a
 *       macro before a block ({@code INIT_DISPATCH {}) and a format macro between string literals
 *       ({@code "%" PRIu64 "\n"}) are blanked; {@code __attribute__((...))} is blanked;
 *   <li>a type as a macro argument ({@code container_of(p, struct foo, member)},
 *       {@code min_t(unsigned int, a, b)}, {@code CAST(char *, x)}) becomes one identifier of the
 *       same length ({@code struct_foo}, {@code unsigned_int}, {@code char__});
 *   <li>the tail of a comment the function text starts inside ({@code  *}{@code /} on the first
 *       line) is blanked.
 * </ul>
 *
 * <p>C++ gets the same repairs except the signature-head ones (a C++ head holds namespaces,
 * templates and operators that the C rules would take for macros).
 */
final class CMacroRepair {
  private static final Pattern ANNOTATIONS = Pattern.compile(
      "\\b(__user|__kernel|__force|__iomem|__rcu|__percpu|__init|__exit|__initdata|__must_check"
          + "|__always_inline|__maybe_unused|__cold|__hot|__nocast|__bitwise|__sched|noinline"
          + "|pTHX_|aTHX_|pTHX|aTHX|TSRMLS_CC|TSRMLS_DC|TSRMLS_C|TSRMLS_D|ZEND_FILE_LINE_DC"
          + "|ZEND_FILE_LINE_CC|ZEND_FILE_LINE_ORIG_DC|ZEND_FILE_LINE_ORIG_CC|ZEND_FASTCALL"
          + "|ZEND_API|PHPAPI|R_API|MagickExport|WandExport|ModuleExport|MagickPrivate"
          + "|WandPrivate|CAPSTONE_API|EXPORT|LOCAL|STATIC|INLINE|CONST|magick_restrict"
          + "|av_unused|av_always_inline|av_cold)\\b");
  private static final Set<String> TYPE_WORDS = Set.of(
      "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool",
      "_Bool", "size_t", "ssize_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
      "uint16_t", "uint32_t", "uint64_t", "intptr_t", "uintptr_t", "ptrdiff_t", "off_t");
  private static final Set<String> QUALIFIERS = Set.of(
      "static", "extern", "inline", "__inline", "__inline__", "const", "volatile", "register",
      "restrict", "auto", "_Noreturn");
  private static final Set<String> TAGS = Set.of("struct", "union", "enum");
  private static final Set<String> KEYWORDS = Set.of(
      "if", "while", "for", "switch", "return", "sizeof", "else", "do", "case", "goto", "defined");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern LOOP_MACRO =
      Pattern.compile("^(\\s*)([A-Za-z_]\\w*)(\\s*\\(.*\\)\\s*\\{\\s*)$");
  private static final Pattern MACRO_SIGNATURE =
      Pattern.compile("^\\s*\\w+\\s*\\(\\s*(?!void\\s*\\))\\w+\\s*\\)\\s*\\{?\\s*$");
  private static final Pattern BARE_CALL =
      Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*\\(.*\\)\\s*$");

  private static final Pattern CASE_RANGE =
      Pattern.compile("\\bcase\\s+[^:;]*?[\\w')]\\s*(\\.\\.\\.)\\s*[\\w'(-]");
  private static final Pattern LONE_MACRO = Pattern.compile("^\\s*([A-Z][A-Za-z0-9_]{3,})\\s*$");
  private static final Pattern BLOCK_MACRO = Pattern.compile("^\\s*([A-Z][A-Z0-9_]{3,})\\s*\\{\\s*$");
  private static final Pattern STRING_MACRO =
      Pattern.compile("\"\\s*((?:PRI|SCN)\\w+)(?=\\s*(?:[\"),]|$))");
  private static final Pattern LEADING_TYPE_ARGUMENT = Pattern.compile(
      "^(\\s*)((?:struct|union|enum|const|unsigned|signed)\\s+[A-Za-z_]\\w*(?:\\s*\\*)*)(?=\\s*[,)])");
  private static final Pattern INITIALIZER_MACRO = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\s*\\(=[^()]*\\)");
  private static final Pattern NUMBERED_SIGNATURE =
      Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*\\(\\s*(\\d)\\w*\\s*\\)\\s*\\{?\\s*$");
  private static final Pattern DECLARATOR = Pattern.compile("\\**\\s*[A-Za-z_]\\w*\\s*[;,=\\[]");
  private static final Pattern OPEN_MACRO = Pattern.compile("^(\\s*)([A-Za-z_]\\w*)(\\s*\\(.*)$");
  private static final Pattern TYPE_ARGUMENT = Pattern.compile(
      "(?<=[(,])(\\s*)((?:struct|union|enum|const|unsigned|signed)\\s+[A-Za-z_]\\w*(?:\\s*\\*)*"
          + "|[A-Za-z_]\\w*(?:\\s*\\*)+)(?=\\s*[,)])");
  private static final Pattern ATTRIBUTE = Pattern.compile("\\b__attribute__\\s*\\(");
  private static final Pattern ASSIGNED_CALL =
      Pattern.compile("^\\s*[A-Za-z_][\\w.\\[\\]>-]*\\s*=\\s*[A-Za-z_]\\w*\\s*\\(.*\\)\\s*$");

  private CMacroRepair() {}

  /** The repaired C text, line for line; the same text when nothing applies. */
  static String repair(String code) {
    return repair(code, false);
  }

  /** The repaired text, line for line; {@code cpp} leaves the signature head alone. */
  static String repair(String code, boolean cpp) {
    String resolved = PreprocessorBranches.resolve(code);
    String blanked = blank(ANNOTATIONS.matcher(blankAttributes(blankLeadingCommentTail(resolved))));
    String[] lines = blanked.split("\n", -1);
    if (!cpp) repairSignatureHead(lines);
    if (!cpp) numberedSignature(lines);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = lineRepairs(lines[i]);
      if (i > 0) {
        String prev = lines[i - 1].strip();
        if (prev.endsWith(",") || prev.endsWith("(")) {
          Matcher lead = LEADING_TYPE_ARGUMENT.matcher(lines[i]);
          if (lead.find()) {
            lines[i] = lead.group(1) + lead.group(2).replaceAll("[\\s*]", "_") + lines[i].substring(lead.end());
          }
        }
      }
      Matcher lone = LONE_MACRO.matcher(lines[i]);
      if (lone.matches() && i > 0 && !isSignatureLine(lines, i)
          && (endsStatement(lines[i - 1]) || lines[i - 1].strip().endsWith(")"))
          && (startsStatement(lines, i + 1) || nextCodeStartsWith(lines, i + 1, "("))
          && !declaratorFollows(lines, i + 1)) {
        // a macro that stands for a statement: an empty statement where an else follows (it was
        // the if's body), nothing elsewhere (a pragma-like macro before the real body)
        boolean body = nextCodeStartsWith(lines, i + 1, "else");
        lines[i] = (body ? ";" : " ") + " ".repeat(lines[i].length() - 1);
        continue;
      }
      if (i > 0 && !isSignatureLine(lines, i) && loopMacroOverLines(lines, i)) continue;
      Matcher block = BLOCK_MACRO.matcher(lines[i]);
      if (block.matches() && i > 0 && !isSignatureLine(lines, i)) {
        lines[i] = lines[i].substring(0, block.start(1)) + " ".repeat(block.group(1).length())
            + lines[i].substring(block.end(1));
        continue;
      }
      Matcher loop = LOOP_MACRO.matcher(lines[i]);
      if (loop.matches() && !KEYWORDS.contains(loop.group(2)) && loop.group(2).length() >= 2
          && i > 0 && !isSignatureLine(lines, i)) {
        String name = loop.group(2);
        // a loop when the name has room for `while`, else an `if` (mruby's CASE(OP) {)
        String keyword = name.length() >= 5 ? "while" : "if";
        lines[i] = loop.group(1) + keyword + " ".repeat(name.length() - keyword.length()) + loop.group(3);
      } else if ((BARE_CALL.matcher(lines[i]).matches() || ASSIGNED_CALL.matcher(lines[i]).matches())
          && balanced(lines[i]) && i > 0 && endsStatement(lines[i - 1])
          && startsStatement(lines, i + 1) && !KEYWORDS.contains(firstWord(lines[i]))) {
        lines[i] = lines[i] + ";";
      }
    }
    closeUnclosedBraces(lines);
    return String.join("\n", lines);
  }

  /**
   * A loop macro whose arguments go on over lines ({@code list_for_each_entry_safe(a, b,} then
   * {@code list) {}): its name becomes {@code while}, as on one line.
   */
  private static boolean loopMacroOverLines(String[] lines, int i) {
    Matcher open = OPEN_MACRO.matcher(lines[i]);
    if (!open.matches() || KEYWORDS.contains(open.group(2)) || open.group(2).length() < 5) return false;
    int depth = depth(lines[i], 0);
    if (depth <= 0) return false;
    for (int k = i + 1; k < lines.length && k <= i + 5; k++) {
      depth = depth(lines[k], depth);
      if (depth < 0) return false;
      if (depth == 0) {
        if (!lines[k].strip().endsWith("{")) return false;
        String name = open.group(2);
        lines[i] = open.group(1) + "while" + " ".repeat(name.length() - 5) + open.group(3);
        return true;
      }
    }
    return false;
  }

  private static int depth(String line, int from) {
    int depth = from;
    for (int c = 0; c < line.length(); c++) {
      if (line.charAt(c) == '(') depth++;
      else if (line.charAt(c) == ')') depth--;
    }
    return depth;
  }

  /** ImageMagick's {@code MagickBooleanType} then {@code status;}: the lone word is a type. */
  private static boolean declaratorFollows(String[] lines, int i) {
    for (int k = i; k < lines.length; k++) {
      String s = lines[k].strip();
      if (s.isEmpty() || s.startsWith("//") || s.startsWith("/*")) continue;
      return DECLARATOR.matcher(s).lookingAt();
    }
    return false;
  }

  private static boolean nextCodeStartsWith(String[] lines, int i, String prefix) {
    for (int k = i; k < lines.length; k++) {
      String s = lines[k].strip();
      if (s.isEmpty() || s.startsWith("//") || s.startsWith("/*")) continue;
      return s.startsWith(prefix);
    }
    return false;
  }

  /**
   * A function cut short (its last {@code }} lost in the data) gets that brace at the end of its
   * last line. Braces in strings, characters and comments do not count.
   */
  private static void closeUnclosedBraces(String[] lines) {
    int depth = 0;
    boolean comment = false;
    for (String line : lines) {
      char quote = 0;
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        char next = c + 1 < line.length() ? line.charAt(c + 1) : 0;
        if (comment) {
          if (ch == '*' && next == '/') {
            comment = false;
            c++;
          }
        } else if (quote != 0) {
          if (ch == '\\') c++;
          else if (ch == quote) quote = 0;
        } else if (ch == '/' && next == '*') {
          comment = true;
          c++;
        } else if (ch == '/' && next == '/') {
          break;
        } else if (ch == '"' || ch == '\'') {
          quote = ch;
        } else if (ch == '{') {
          depth++;
        } else if (ch == '}') {
          depth--;
        }
      }
    }
    // Only the function's own brace, after a whole statement: a deeper gap is broken code, not a
    // cut-off end, and must still read as broken.
    int last = lines.length - 1;
    while (last > 0 && lines[last].isBlank()) last--;
    String end = last >= 0 ? lines[last].strip() : "";
    if (depth == 1 && !comment && (end.endsWith(";") || end.endsWith("}"))) {
      lines[lines.length - 1] = lines[lines.length - 1] + "}";
    }
  }

  /** {@code IRC_PROTOCOL_CALLBACK(352)}: a macro-made signature over a number; the number becomes a name. */
  private static void numberedSignature(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      Matcher m = NUMBERED_SIGNATURE.matcher(lines[i]);
      if (m.matches()) lines[i] = lines[i].substring(0, m.start(1)) + "_" + lines[i].substring(m.end(1));
      return;
    }
  }

  /** The repairs that need no context beyond their line. */
  private static String lineRepairs(String line) {
    String out = line;
    Matcher range = CASE_RANGE.matcher(out);
    if (range.find()) out = out.substring(0, range.start(1)) + "+0*" + out.substring(range.end(1));
    out = blankGroup(STRING_MACRO.matcher(out));
    out = blank(INITIALIZER_MACRO.matcher(out));
    Matcher type = TYPE_ARGUMENT.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (type.find()) {
      // Only a macro's argument: after a comma, or after the ( of a call (not of a cast or an if).
      boolean argument = out.charAt(type.start() - 1) == ',' || isCallParen(out, type.start() - 1);
      String t = type.group(2);
      String ident = argument ? t.replaceAll("[\\s*]", "_") : t;
      type.appendReplacement(sb, Matcher.quoteReplacement(type.group(1) + ident));
    }
    type.appendTail(sb);
    return sb.toString();
  }

  /** True when the {@code (} at {@code paren} follows a name that is no keyword: a call's. */
  private static boolean isCallParen(String line, int paren) {
    int end = paren;
    while (end > 0 && line.charAt(end - 1) == ' ') end--;
    int start = end;
    while (start > 0 && (Character.isLetterOrDigit(line.charAt(start - 1)) || line.charAt(start - 1) == '_')) start--;
    if (start == end) return false;
    String name = line.substring(start, end);
    return !KEYWORDS.contains(name) || name.equals("sizeof");
  }

  /** Blanks group 1 of every match. */
  private static String blankGroup(Matcher m) {
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String whole = m.group();
      int from = m.start(1) - m.start();
      int to = m.end(1) - m.start();
      m.appendReplacement(sb, Matcher.quoteReplacement(
          whole.substring(0, from) + " ".repeat(to - from) + whole.substring(to)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** True when every parenthesis the line opens it also closes (a call that does not go on). */
  private static boolean balanced(String line) {
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '(') depth++;
      else if (c == ')' && --depth < 0) return false;
    }
    return depth == 0;
  }

  /** Blanks {@code __attribute__((...))} up to its matching parenthesis, newlines kept. */
  private static String blankAttributes(String code) {
    Matcher m = ATTRIBUTE.matcher(code);
    if (!m.find()) return code;
    char[] chars = code.toCharArray();
    do {
      int depth = 0;
      int end = -1;
      for (int i = m.end() - 1; i < chars.length; i++) {
        if (chars[i] == '(') depth++;
        else if (chars[i] == ')' && --depth == 0) {
          end = i;
          break;
        }
      }
      if (end < 0) break;
      for (int i = m.start(); i <= end; i++) {
        if (chars[i] != '\n') chars[i] = ' ';
      }
    } while (m.find(m.end()));
    return new String(chars);
  }

  /**
   * A function cut out of its file may start inside the comment before it: when a {@code *}{@code /}
   * comes before any {@code /*}, everything up to it is comment tail and is blanked.
   */
  private static String blankLeadingCommentTail(String code) {
    int close = code.indexOf("*/");
    if (close < 0) return code;
    int open = code.indexOf("/*");
    if (open >= 0 && open < close) return code;
    char[] chars = code.toCharArray();
    for (int i = 0; i < close + 2; i++) {
      if (chars[i] != '\n') chars[i] = ' ';
    }
    return new String(chars);
  }

  private static String blank(Matcher m) {
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, " ".repeat(m.group().length()));
    m.appendTail(sb);
    return sb.toString();
  }

  /** True while line {@code i} is still part of the signature (no {@code {} seen before it). */
  private static boolean isSignatureLine(String[] lines, int i) {
    for (int k = 0; k < i; k++) {
      if (lines[k].contains("{")) return false;
    }
    return true;
  }

  private static String firstWord(String line) {
    Matcher m = WORD.matcher(line);
    return m.find() ? m.group() : "";
  }

  private static boolean endsStatement(String prev) {
    String p = prev.strip();
    return p.isEmpty() || p.endsWith(";") || p.endsWith("{") || p.endsWith("}")
        || p.endsWith("*/") || p.startsWith("#") || p.startsWith("//") || p.endsWith(":");
  }

  private static boolean startsStatement(String[] lines, int i) {
    for (int k = i; k < lines.length; k++) {
      String s = lines[k].strip();
      if (s.isEmpty() || s.startsWith("//") || s.startsWith("/*") || s.startsWith("#")) continue;
      return s.startsWith("}") || Character.isLetter(s.charAt(0)) || s.charAt(0) == '_';
    }
    return true;
  }

  /** Blanks surplus macro words of the first line's head, or adds a missing {@code int}. */
  private static void repairSignatureHead(String[] lines) {
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) first++;
    if (first >= lines.length) return;
    String line = lines[first];
    int paren = line.indexOf('(');
    if (paren < 0 || line.trim().startsWith("#")) return;
    String head = line.substring(0, paren);
    if (head.contains("=") || head.contains(";") || head.contains("{")) return;
    Matcher m = WORD.matcher(head);
    java.util.List<int[]> idents = new java.util.ArrayList<>(); // {start, end}
    boolean typed = false;
    boolean afterTag = false;
    while (m.find()) {
      String w = m.group();
      if (afterTag) {
        typed = true;
        afterTag = false;
      } else if (TAGS.contains(w)) {
        afterTag = true;
      } else if (TYPE_WORDS.contains(w)) {
        typed = true;
      } else if (!QUALIFIERS.contains(w)) {
        idents.add(new int[] {m.start(), m.end()});
      }
    }
    if (idents.isEmpty()) return;
    int needed = typed ? 1 : 2; // the name, plus a type name when no built-in type was seen
    char[] chars = line.toCharArray();
    // Keep the last `needed` identifiers (type closest to the name, then the name).
    for (int k = 0; k < idents.size() - needed; k++) {
      for (int c = idents.get(k)[0]; c < idents.get(k)[1]; c++) chars[c] = ' ';
    }
    String fixed = new String(chars);
    // `MACRO(name) {` is a macro-made signature that the grammar already reads as a function
    // named `name`; only a real parameter list (`f(int x)`, `f(void)`) lacks its return type.
    boolean macroMade = MACRO_SIGNATURE.matcher(line).matches();
    if (idents.size() < needed && !macroMade) fixed = "int " + fixed;
    lines[first] = fixed;
  }

  /**
   * Conditional compilation resolved to one branch, consistently, without moving a line: in every
   * {@code #if}/{@code #ifdef}/{@code #ifndef} group the branch with the most code lines is kept
   * (the first on a tie; never an {@code #if 0} one), so the real code of a
   * {@code #ifndef FEATURE stub #else code #endif} stays; the lines of the other branches and the conditional directives themselves
   * (with their {@code \\} continuation lines) become blank. Keeping one branch keeps braces
   * balanced where the branches each open or close one; blanking the directives lets a statement
   * that a {@code #if} splits ({@code } else #endif if}) parse. A comment that a blanked line opens
   * keeps its opener, so the comment still ends where it did.
   */
  static final class PreprocessorBranches {
    private static final Pattern DIRECTIVE =
        Pattern.compile("^\\s*#\\s*(if|ifdef|ifndef|elif|else|endif)\\b(.*)$");

    private PreprocessorBranches() {}

    static String resolve(String code) {
      if (code.indexOf('#') < 0) return code;
      String[] lines = code.split("\n", -1);
      boolean[] directive = new boolean[lines.length];
      boolean[] startsInComment = new boolean[lines.length];
      boolean[] endsInComment = new boolean[lines.length];
      // pass 1: the groups, each a list of branches {first directive line, code lines}
      java.util.Map<Integer, java.util.List<int[]>> groupAt = new java.util.HashMap<>();
      java.util.Deque<java.util.List<int[]>> open = new java.util.ArrayDeque<>();
      int[] branchOf = new int[lines.length];
      boolean inComment = false;
      boolean continuation = false;
      for (int i = 0; i < lines.length; i++) {
        startsInComment[i] = inComment;
        inComment = endsInComment(lines[i], inComment);
        endsInComment[i] = inComment;
        if (continuation) {
          directive[i] = true;
          continuation = lines[i].endsWith("\\");
          continue;
        }
        Matcher d = startsInComment[i] ? null : DIRECTIVE.matcher(lines[i]);
        if (d == null || !d.matches()) {
          for (java.util.List<int[]> g : open) g.get(g.size() - 1)[1] += lines[i].isBlank() ? 0 : 1;
          continue;
        }
        directive[i] = true;
        continuation = lines[i].endsWith("\\");
        String kind = d.group(1);
        if (kind.startsWith("if")) {
          java.util.List<int[]> g = new java.util.ArrayList<>();
          // an #if 0 branch never counts: its lines are dead
          g.add(new int[] {i, 0, kind.equals("if") && d.group(2).strip().matches("0\\b.*") ? 1 : 0});
          groupAt.put(i, g);
          open.push(g);
        } else if (kind.equals("endif")) {
          if (!open.isEmpty()) open.pop();
        } else if (!open.isEmpty()) {
          open.peek().add(new int[] {i, 0, 0});
        }
      }
      // pass 2: keep the branch with the most code lines in each group (the first on a tie)
      java.util.Deque<boolean[]> keep = new java.util.ArrayDeque<>(); // per open group: kept flags
      java.util.Deque<int[]> state = new java.util.ArrayDeque<>(); // {branch index}
      boolean changed = false;
      continuation = false;
      for (int i = 0; i < lines.length; i++) {
        if (directive[i]) {
          Matcher d = startsInComment[i] ? null : DIRECTIVE.matcher(lines[i]);
          if (d != null && d.matches()) {
            String kind = d.group(1);
            if (kind.startsWith("if")) {
              java.util.List<int[]> g = groupAt.get(i);
              int best = -1;
              for (int b = 0; b < g.size(); b++) {
                if (g.get(b)[2] == 1) continue;
                if (best < 0 || g.get(b)[1] > g.get(best)[1]) best = b;
              }
              boolean[] flags = new boolean[g.size()];
              if (best >= 0) flags[best] = true;
              keep.push(flags);
              state.push(new int[] {0});
            } else if (kind.equals("endif")) {
              if (!keep.isEmpty()) {
                keep.pop();
                state.pop();
              }
            } else if (!state.isEmpty()) {
              state.peek()[0]++;
            }
          }
          lines[i] = blankKeepingComment(lines[i], endsInComment[i]);
          changed = true;
          continue;
        }
        boolean kept = true;
        java.util.Iterator<boolean[]> k = keep.iterator();
        java.util.Iterator<int[]> st = state.iterator();
        while (k.hasNext()) {
          boolean[] flags = k.next();
          int b = st.next()[0];
          if (b >= flags.length || !flags[b]) kept = false;
        }
        if (!kept && !startsInComment[i] && !endsInComment[i]) {
          // a line in or opening a comment stays: blanking it could leave the comment unclosed
          lines[i] = " ".repeat(lines[i].length());
          changed = true;
        }
      }
      return changed ? String.join("\n", lines) : code;
    }

    /** Whether a block comment is open at the end of the line. */
    private static boolean endsInComment(String line, boolean open) {
      boolean in = open;
      for (int i = 0; i < line.length() - 1; i++) {
        if (in && line.charAt(i) == '*' && line.charAt(i + 1) == '/') {
          in = false;
          i++;
        } else if (!in && line.charAt(i) == '/' && line.charAt(i + 1) == '/') {
          return false;
        } else if (!in && line.charAt(i) == '/' && line.charAt(i + 1) == '*') {
          in = true;
          i++;
        }
      }
      return in;
    }

    /** Spaces, but from the opener of a comment still open at the line's end the text stays. */
    private static String blankKeepingComment(String line, boolean endsInComment) {
      int keepFrom = endsInComment ? line.lastIndexOf("/*") : -1;
      if (keepFrom < 0) return " ".repeat(line.length());
      return " ".repeat(keepFrom) + line.substring(keepFrom);
    }
  }
}
