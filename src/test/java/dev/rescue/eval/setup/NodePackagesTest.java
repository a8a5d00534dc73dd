package dev.rescue.eval.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.eval.Requirements;
import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NEEDS NETWORK to the npm registry, and a minute or more (sqlite3 builds from source): {@code npm ci} of
 * the shipped lock file into a fresh folder. Runs in CI, which reaches the registry; locally only when
 * asked for on the command line ({@code -Drescue.test.network=true}), so targeted test runs stay quick
 * and no variable left in a developer's environment decides whether it runs.
 */
@Tag("network")
class NodePackagesTest {
  static final String NETWORK_PROPERTY = "rescue.test.network";

  @Test
  void setupInstallsTheShippedLockFileIntoTheGivenFolderAndEveryPackageLoads(@TempDir Path cache) throws Exception {
    Requires.that(Requires.inCi() || Boolean.getBoolean(NETWORK_PROPERTY),
        "npm ci from the registry: run with -D" + NETWORK_PROPERTY + "=true to run it locally");
    Requires.tool("npm");
    NodePackages node = new NodePackages(cache.resolve("eval/node"));
    NodePackages.Outcome first = node.install(false);
    assertThat(first.broken()).isEmpty();
    assertThat(first.ranNpm()).isTrue();
    for (String name : Requirements.shippedNpmPackages()) {
      assertThat(node.nodeModules().resolve(name)).as(name).isDirectory();
    }
    // npm ci installs exactly the lock file: the copy beside node_modules is the shipped one
    assertThat(Files.readString(node.dir().resolve("package-lock.json")))
        .isEqualTo(NodePackages.resource(Requirements.NODE_LOCK));
    assertThat(Files.readString(node.nodeModules().resolve("sqlite3/package.json"))).contains("\"version\": \"5.1.7\"");
    // the native builds load, so sqlite3 and argon2 work for the JavaScript tasks
    assertThat(node.load()).isEmpty();
    NodePackages.Outcome again = node.install(false);
    assertThat(again.ranNpm()).as("a second setup finds the install up to date").isFalse();
  }

  @Test
  void theShippedPackagesAreTheOnesCwevalsJavaScriptTasksRequire() throws Exception {
    assertThat(Requirements.shippedNpmPackages()).containsExactlyInAnyOrder("argon2", "escape-html", "js-yaml",
        "jsdom", "jsonwebtoken", "lodash", "node-rsa", "sqlite3", "xpath");
    String lock = NodePackages.resource(Requirements.NODE_LOCK);
    for (String name : Requirements.shippedNpmPackages()) assertThat(lock).contains("\"node_modules/" + name + "\"");
  }
}
