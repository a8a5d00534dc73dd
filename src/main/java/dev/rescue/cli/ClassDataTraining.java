package dev.rescue.cli;

import dev.rescue.embed.onnx.NativeModelLoads;
import dev.rescue.internal.CacheDirs;
import dev.rescue.internal.NativeLibraries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The run {@code bin/rescue} records a class-data sharing archive from, once per build of the jar
 * ({@code java -XX:ArchiveClassesAtExit=... -cp rescue.jar dev.rescue.cli.ClassDataTraining}): the
 * one-shot commands agents call, {@code context} (from a task, and from a task with C code) and
 * {@code check} (a Python and a C file, every installed analyser), so that the archive holds the
 * classes those load and later runs map them instead of loading, verifying and linking them. A run
 * of its own rather than the user's first command: the archive then covers all of them whatever the
 * first command was, and a failed dump (a full disk) cannot change a user's exit code or output.
 * Prints nothing; no LLM is asked.
 */
public final class ClassDataTraining {
  static final String TASK = "Write a Flask endpoint that loads a YAML config uploaded by the user";
  static final String PYTHON = "import yaml\nfrom flask import request\n\n\ndef upload():\n"
      + "    return yaml.load(request.files['config'].read())\n";
  static final String C = "#include <string.h>\n\nvoid greet(char *out, const char *name) {\n  strcpy(out, name);\n}\n";

  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    NativeLibraries.useExtractedCopies(CacheDirs.of("native"));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(quiet);
    System.setErr(quiet);
    Path dir = Files.createTempDirectory("rescue-cds-training");
    int worst = 0;
    try {
      Path py = Files.writeString(dir.resolve("upload.py"), PYTHON);
      Path c = Files.writeString(dir.resolve("greet.c"), C);
      worst = Math.max(worst, run("context", "--no-llm", TASK));
      worst = Math.max(worst, run("context", "--no-llm", "--code", c.toString(), "Copy the user's name into the buffer"));
      int check = run("check", "--timeout", "30", py.toString(), c.toString());
      worst = Math.max(worst, check == ExitCodes.INPUT_FAILED ? ExitCodes.OK : check); // findings exit 1: expected here
    } finally {
      deleteTree(dir);
    }
    NativeModelLoads.beforeExit(Duration.ofMinutes(2));
    // not 0 when a command failed: bin/rescue then keeps no archive of a run that went wrong
    System.exit(worst);
  }

  private static int run(String... args) {
    CommandLine cl = RescueCommand.commandLine(args);
    PrintWriter none = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    cl.setOut(none);
    cl.setErr(none);
    return cl.execute(args);
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
