package dev.rescue.cli;

import dev.rescue.serve.InjectionMode;
import dev.rescue.serve.SecurityContextService;
import dev.rescue.serve.mcp.McpSecurityServer;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mcp", mixinStandardHelpOptions = true,
    header = "Run an MCP server on stdio that gives coding agents a security-context tool.",
    description = {
      "Speaks the Model Context Protocol on stdin/stdout (logs go to stderr only) and offers two tools:",
      "  security_context  {task, code?, language?} -> the relevant CWEs, guidelines and secure examples,",
      "                    with scores and provenance, and the context text to follow",
      "  cwe_lookup        {cwe}                    -> the CWE's knowledge-base entry",
      "Retrieval runs without an LLM. The server exits when stdin closes."},
    footer = {"", "Examples:",
      "  rescue mcp",
      "  rescue mcp --kb bundled --kb ./our-kb",
      "  Claude Code: claude mcp add rescue -- /path/to/bin/rescue mcp"})
final class McpCommand implements Callable<Integer> {
  @Mixin KbOptions kbOptions;
  @Mixin RetrievalSwitches switches;

  @Override
  public Integer call() throws Exception {
    // stdout belongs to the protocol: anything else that prints there (a library's banner) goes to stderr
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    PrintStream previous = System.out;
    System.setOut(System.err);
    try (RescueSession s = RescueSession.open(kbOptions, switches, null)) {
      String version = new VersionProvider().getVersion()[0].replace("rescue ", "");
      new McpSecurityServer(new SecurityContextService(s.rescue, s.kb.kb(), InjectionMode.SYSTEM), version)
          .serve(System.in, protocol);
    } finally {
      protocol.flush();
      System.setOut(previous);
    }
    return ExitCodes.OK;
  }
}
