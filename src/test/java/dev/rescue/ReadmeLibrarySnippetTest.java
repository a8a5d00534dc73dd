package dev.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library example is what a user copies first: it is compiled as it stands (its imports
 * on top, the rest as a method body) against the project's classes, and run on the bundled KB and model.
 */
class ReadmeLibrarySnippetTest {
  private static final Pattern LIBRARY_SNIPPET = Pattern.compile("## Library\\s+```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theLibraryExampleCompilesAndPrintsTheYamlGuidance() throws Exception {
    Matcher m = LIBRARY_SNIPPET.matcher(Files.readString(Path.of("README.md")));
    assertThat(m.find()).as("README.md has a java block under '## Library'").isTrue();
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : m.group(1).split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    Path source = dir.resolve("src/ReadmeExample.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, imports + "public class ReadmeExample {\n  public static void main(String[] args) throws Exception {\n"
        + body + "  }\n}\n");

    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString());
    assertThat(rc).as("javac on the README's example:\n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      loader.loadClass("ReadmeExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    String context = printed.toString(StandardCharsets.UTF_8);
    assertThat(context).as("an uploaded YAML file is untrusted data to deserialise").contains("CWE-502").contains("safe_load");
    assertThat(List.of(context.split("\n"))).hasSizeGreaterThan(3);
  }
}
