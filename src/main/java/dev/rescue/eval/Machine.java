package dev.rescue.eval;

import dev.rescue.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Whether this machine meets a {@link Requirement}; an interface so tests can say what is installed. */
@FunctionalInterface
public interface Machine {
  boolean has(Requirement requirement);

  /** Where C headers are looked up: the compiler's default folders plus libxml2's. */
  List<Path> INCLUDE_DIRS = includeDirs();

  /** This machine: the toolchain's Python (with the harness's modules), its node_modules, Debian's Go tree. */
  static Machine local(Toolchain toolchain, Path shims, GoModules go) {
    return r -> switch (r.kind()) {
      case TOOL -> r.name().equals("python3") ? toolchain.missing(Language.PYTHON).isEmpty() : Toolchain.onPath(r.name());
      case ORACLE -> Toolchain.onPath(r.name());
      case PYTHON_MODULE -> toolchain.missing(Language.PYTHON).isEmpty() && toolchain.pythonHas(r.name(), shims);
      case C_HEADER -> INCLUDE_DIRS.stream().anyMatch(d -> Files.exists(d.resolve(r.name())));
      case NPM_PACKAGE -> toolchain.nodePath() != null && Files.isDirectory(toolchain.nodePath().resolve(r.name()));
      case GO_MODULE -> go.has(r.name());
    };
  }

  private static List<Path> includeDirs() {
    Path usr = Path.of("/usr/include");
    try (Stream<Path> s = Files.isDirectory(usr) ? Files.list(usr) : Stream.empty()) {
      List<Path> multiarch = s.filter(p -> p.getFileName().toString().endsWith("-linux-gnu")).toList();
      return Stream.concat(Stream.of(usr, usr.resolve("libxml2"), Path.of("/usr/local/include")), multiarch.stream())
          .toList();
    } catch (java.io.IOException e) {
      return List.of(usr, usr.resolve("libxml2"));
    }
  }
}
