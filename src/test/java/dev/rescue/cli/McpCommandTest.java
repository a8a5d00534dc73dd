package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help; the server itself runs in a subprocess in dev.rescue.serve.mcp.McpSecurityServerTest. */
class McpCommandTest {
  @Test
  void helpNamesBothToolsAndHowToRegisterTheServer() {
    StringWriter out = new StringWriter();
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));

    assertThat(cl.execute("mcp", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("security_context", "cwe_lookup", "stdin", "--kb");
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = RescueCommand.commandLine();
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("mcp", "--port", "1")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--port");
  }
}
