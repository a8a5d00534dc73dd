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
 *   <li>a macro call used as a statement without its {@code ;} ({@code DisableMSCWarning(4127)})
 *       gets one.
 * </ul>
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

  private CMacroRepair() {}

  /** The repaired text, line for line; the same text when nothing applies. */
  static String repair(String code) {
    String blanked = blank(ANNOTATIONS.matcher(code));
    String[] lines = blanked.split("\n", -1);
    repairSignatureHead(lines);
    for (int i = 0; i < lines.length; i++) {
      Matcher loop = LOOP_MACRO.matcher(lines[i]);
      if (loop.matches() && !KEYWORDS.contains(loop.group(2)) && loop.group(2).length() >= 5
          && i > 0 && !isSignatureLine(lines, i)) {
        String name = loop.group(2);
        lines[i] = loop.group(1) + "while" + " ".repeat(name.length() - 5) + loop.group(3);
      } else if (BARE_CALL.matcher(lines[i]).matches() && i > 0 && endsStatement(lines[i - 1])
          && startsStatement(lines, i + 1) && !KEYWORDS.contains(firstWord(lines[i]))) {
        lines[i] = lines[i] + ";";
      }
    }
    return String.join("\n", lines);
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
}
