package dev.rescue.cli;

import dev.rescue.model.Language;
import dev.rescue.model.Task;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The one task of {@code context} and {@code generate}: text, optional code file, optional language. */
final class TaskInput {
  /** Largest code file read, in bytes. */
  static final long MAX_CODE_BYTES = 1 << 20;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "The coding task in natural language.")
  String task = "";

  @Option(names = "--code", paramLabel = "FILE",
      description = "Code that goes with the task: a prefix, a draft, or the file being edited ('-' for stdin).")
  String codeFile;

  @Option(names = "--language", paramLabel = "L", description = "py, c, cpp, java, js or go (guessed from the code when absent).")
  String language;

  Task read() throws IOException {
    String code = null;
    Language lang = language == null ? null : Language.parse(language);
    if (codeFile != null) {
      byte[] bytes;
      if (codeFile.equals("-")) {
        bytes = System.in.readNBytes((int) MAX_CODE_BYTES + 1);
      } else {
        Path p = FileArgs.inputFile("--code", Path.of(codeFile));
        if (Files.size(p) > MAX_CODE_BYTES) {
          throw new IllegalArgumentException("--code: " + codeFile + " is larger than " + MAX_CODE_BYTES + " bytes");
        }
        bytes = Files.readAllBytes(p);
        if (lang == null) lang = Language.fromFileName(p.getFileName().toString()).orElse(null);
      }
      if (bytes.length > MAX_CODE_BYTES) throw new IllegalArgumentException("--code: larger than " + MAX_CODE_BYTES + " bytes");
      try {
        code = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("--code: " + codeFile + " is not valid UTF-8");
      }
    }
    return new Task("cli", task, code, lang);
  }
}
