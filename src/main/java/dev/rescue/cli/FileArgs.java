package dev.rescue.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks of every file and folder named on the command line, with one wording: the option, the
 * path and what is wrong ("--input: /x is a folder, expected a file"). Commands run them before any
 * slow work (loading the KB and the model, slicing), so that a wrong path costs nothing and an output
 * that cannot be written is not found out after the work. Failures are usage errors (exit 2).
 */
final class FileArgs {
  /** The name the commands that read a stream give standard input and output. */
  static final String STDIO = "-";

  private FileArgs() {}

  /** An existing, readable regular file. */
  static Path inputFile(String option, Path path) {
    if (Files.isDirectory(path)) throw wrong(option, path + " is a folder, expected a file");
    if (!Files.exists(path)) throw wrong(option, path + ": no such file");
    if (!Files.isRegularFile(path)) throw wrong(option, path + " is not a regular file");
    if (!Files.isReadable(path)) throw wrong(option, path + ": not readable");
    return path;
  }

  /** An existing folder. */
  static Path inputFolder(String option, Path path) {
    if (!Files.exists(path)) throw wrong(option, path + ": no such folder");
    if (!Files.isDirectory(path)) throw wrong(option, path + " is a file, expected a folder");
    return path;
  }

  /** An existing file or folder (commands that read every file under a folder). */
  static Path inputFileOrFolder(String option, Path path) {
    if (!Files.exists(path)) throw wrong(option, path + ": no such file or folder");
    if (!Files.isReadable(path)) throw wrong(option, path + ": not readable");
    return path;
  }

  /**
   * A file that can be written: not a folder, in a folder that exists or can be made (it is made
   * now) and may be written to. The file itself is not created: a run that fails earlier leaves a
   * previous output in place.
   */
  static Path outputFile(String option, Path path) {
    if (Files.isDirectory(path)) throw wrong(option, path + " is a folder, expected a file");
    if (Files.exists(path) && !Files.isWritable(path)) throw wrong(option, path + ": not writable");
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      if (Files.exists(parent) && !Files.isDirectory(parent)) {
        throw wrong(option, path + ": " + parent + " is a file, expected a folder");
      }
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw wrong(option, path + ": cannot make its folder " + parent + " (" + e.getMessage() + ")");
      }
      if (!Files.isWritable(parent)) throw wrong(option, path + ": folder " + parent + " is not writable");
    }
    return path;
  }

  /** A folder to write: not a file; made when missing. */
  static Path outputFolder(String option, Path path) {
    if (Files.exists(path) && !Files.isDirectory(path)) throw wrong(option, path + " is a file, expected a folder");
    return path;
  }

  private static IllegalArgumentException wrong(String option, String what) {
    return new IllegalArgumentException(option + ": " + what);
  }
}
