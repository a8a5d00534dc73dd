package dev.rescue.check;

import dev.rescue.analysis.FrontEnds;
import dev.rescue.model.Language;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one input into a {@link SourceUnit}, or says why it cannot be checked: too
 * large, binary, not UTF-8, a language that is unknown or that nothing here checks.
 */
public final class SourceReader {
  /** The default largest input: far above any source file a person or a model writes, short of a minified bundle. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

  private final long maxBytes;

  public SourceReader(long maxBytes) {
    if (maxBytes < 1) throw new IllegalArgumentException("the size limit must be positive, was " + maxBytes);
    this.maxBytes = maxBytes;
  }

  /** Either a unit or the reason there is none. */
  public record Read(SourceUnit unit, InputError error) {}

  /**
   * @param file the name findings carry ({@code -} for standard input)
   * @param language the language asked for, or null to take it from the file's extension
   * @param size the input's size in bytes, known before reading it (a 5 MB file is not read)
   */
  public Read read(String file, byte[] bytes, Language language, String task) {
    if (bytes.length > maxBytes) return error(file, tooLarge(bytes.length));
    Language lang = language != null ? language : Language.fromFileName(file).orElse(null);
    if (lang == null) {
      return error(file, "cannot tell the language from the file name; give --language (py, c, cpp, java, js, go)");
    }
    if (FrontEnds.of(lang).isEmpty()) return error(file, "nothing here checks " + lang.displayName() + " code");
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) return error(file, "binary file (a NUL byte at offset " + i + "), not source code");
    }
    String code;
    try {
      code = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return error(file, "not UTF-8 text (" + e.getMessage() + "); convert it, e.g. with iconv");
    }
    if (code.startsWith("\uFEFF")) code = code.substring(1);
    return new Read(new SourceUnit(file, code, lang, task), null);
  }

  /**
   * Code sent by a client (MCP {@code check_code}, {@code /v1/security-check}): the language given,
   * or guessed from the code when blank.
   *
   * @throws IllegalArgumentException naming what is wrong (no code, an unknown language, too large)
   */
  public SourceUnit fromClient(String file, String code, String language, String task) {
    if (code == null || code.isBlank()) throw new IllegalArgumentException("'code' is required and must not be blank");
    Language lang;
    if (language == null || language.isBlank()) {
      lang = dev.rescue.analysis.LanguageGuesser.guess(code).orElseThrow(() -> new IllegalArgumentException(
          "cannot tell the language of the code: give 'language' (py, c, cpp, java, js, go)"));
    } else {
      lang = Language.parse(language);
    }
    Read r = read(file, code.getBytes(StandardCharsets.UTF_8), lang, task);
    if (r.error() != null) throw new IllegalArgumentException(r.error().reason());
    return r.unit();
  }

  public String tooLarge(long size) {
    return String.format(java.util.Locale.ROOT, "%.1f MB is over the %s limit (--max-bytes)", size / 1e6, human(maxBytes));
  }

  public long maxBytes() {
    return maxBytes;
  }

  private static String human(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  private static Read error(String file, String reason) {
    return new Read(null, new InputError(file, reason));
  }
}
