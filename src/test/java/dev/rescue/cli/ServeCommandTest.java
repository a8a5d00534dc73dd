package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors come before the KB loads; the proxy itself is tested in dev.rescue.serve.http. */
class ServeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ((ServeCommand) cl.getSubcommands().get("serve").getCommand()).env = env;
    return cl.execute(args);
  }

  @Test
  void helpShowsTheRoutesAndOptions() {
    assertThat(run(Map.of(), "serve", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("/v1/chat/completions", "--upstream", "--api-keys", "--inject", "X-Rescue-CWEs",
        "--allowed-host", "--header-timeout", "--idle-timeout", "DNS rebinding");
  }

  @Test
  void anUpstreamThatIsNotAUrlIsRefusedWithoutShowingItsPassword() {
    assertThat(run(Map.of(), "serve", "--upstream", "http://alice:hunter2@host name/v1")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("not a URL", "***@").doesNotContain("hunter2");
  }

  @Test
  void allowedHostsAndTimeoutsReachTheConfig() {
    CommandLine cl = RescueCommand.commandLine();
    ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
    serve.env = Map.of();
    cl.parseArgs("serve", "--upstream", "http://up:1/v1", "--allowed-host", "a.example", "--allowed-host", "b.example",
        "--header-timeout", "3", "--idle-timeout", "7");
    var config = serve.config();
    assertThat(config.allowedHosts()).containsExactly("a.example", "b.example");
    assertThat(config.headerTimeout()).hasSeconds(3);
    assertThat(config.idleTimeout()).hasSeconds(7);
  }

  @Test
  void missingUpstreamIsAUsageErrorSayingHowToGiveOne() {
    assertThat(run(Map.of(), "serve")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no upstream", "--upstream");
  }

  @Test
  void listeningOffLoopbackWithoutApiKeysIsRefused() {
    assertThat(run(Map.of(), "serve", "--upstream", "http://127.0.0.1:9/v1", "--host", "0.0.0.0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("not loopback", "--api-keys");
  }

  @Test
  void unknownInjectionModeIsAUsageError() {
    assertThat(run(Map.of(), "serve", "--upstream", "http://127.0.0.1:9/v1", "--inject", "header")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'header'");
  }

  @Test
  void upstreamKeyComesFromTheEnvironmentAndNeverShowsInTheConfig() {
    CommandLine cl = RescueCommand.commandLine();
    ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
    serve.env = Map.of("OPENAI_API_KEY", "sk-fallback", "RESCUE_UPSTREAM_API_KEY", "sk-secret-1", "OPENAI_BASE_URL", "http://up:1/v1");
    cl.parseArgs("serve");
    var config = serve.config();
    assertThat(config.upstreamKey()).isEqualTo("sk-secret-1");
    assertThat(config.upstream().toString()).isEqualTo("http://up:1/v1");
    assertThat(config.toString()).doesNotContain("sk-secret-1");
  }

  @Test
  void nonUrlUpstreamIsAUsageError() {
    assertThat(run(Map.of(), "serve", "--upstream", "ftp://x/v1")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("ftp://x/v1");
  }
}
