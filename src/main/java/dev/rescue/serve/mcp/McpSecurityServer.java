package dev.rescue.serve.mcp;

import dev.rescue.serve.SecurityContextService;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server on stdio (the SDK's stdio transport): JSON-RPC on the given streams, logs on stderr
 * only, and {@link #serve} returns when the input ends, after closing the session.
 */
public final class McpSecurityServer {
  private static final Logger LOG = LoggerFactory.getLogger("rescue.mcp");

  private final SecurityContextService service;
  private final String version;

  public McpSecurityServer(SecurityContextService service, String version) {
    this.service = service;
    this.version = version;
  }

  /** Serves until {@code in} ends. {@code out} must carry nothing but the protocol. */
  public void serve(InputStream in, OutputStream out) throws InterruptedException {
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    EofSignallingInputStream input = new EofSignallingInputStream(in);
    SecurityTools tools = new SecurityTools(service, mapper);
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, input, out))
        .serverInfo("rescue", version)
        .instructions("Call security_context with the coding task (and the code at hand) before writing code that "
            + "handles untrusted input, files, processes, crypto, authentication or serialisation; follow its "
            + "'context'. Call cwe_lookup for the details of a CWE.")
        .capabilities(ServerCapabilities.builder().tools(false).build())
        .requestTimeout(Duration.ofMinutes(2))
        .tools(tools.securityContext(), tools.cweLookup())
        .build();
    // the transport answers 'initialize' on its own threads meanwhile; the first tool call then finds the model loaded
    service.warmUp();
    LOG.info("rescue MCP server ready on stdio: tools {}, {}; {} CWEs", SecurityTools.SECURITY_CONTEXT,
        SecurityTools.CWE_LOOKUP, service.cweIds().size());
    try {
      input.awaitEnd();
      LOG.info("stdin closed: shutting down");
    } finally {
      server.closeGracefully();
    }
  }
}
