package dev.rescue.serve.mcp;

import dev.rescue.serve.SecurityContextService;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server on stdio (the SDK's stdio transport behind {@link JsonRpcLineGate}): JSON-RPC on the
 * given streams, logs on stderr only; a bad line gets its JSON-RPC error and serving goes on, and
 * {@link #serve} returns when the input ends, after answering the requests in flight.
 */
public final class McpSecurityServer {
  private static final Logger LOG = LoggerFactory.getLogger("rescue.mcp");

  /** Longest a tool call may take; also the longest wait for answers at the end of input. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final SecurityContextService service;
  private final String version;

  public McpSecurityServer(SecurityContextService service, String version) {
    this.service = service;
    this.version = version;
  }

  /**
   * Serves until {@code in} ends, then answers the requests still in flight and returns. {@code out}
   * must carry nothing but the protocol.
   */
  public void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    RequestsInFlight inFlight = new RequestsInFlight();
    AnswerWatchingOutputStream protocolOut = new AnswerWatchingOutputStream(out, inFlight);
    // the SDK reads the lines the gate lets through; the gate runs on this thread, which outlives the pipe
    PipedOutputStream toSdk = new PipedOutputStream();
    PipedInputStream sdkIn = new PipedInputStream(toSdk, 1 << 16);
    SecurityTools tools = new SecurityTools(service, mapper);
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, sdkIn, protocolOut))
        .serverInfo("rescue", version)
        .instructions("Call security_context with the coding task (and the code at hand) before writing code that "
            + "handles untrusted input, files, processes, crypto, authentication or serialisation; follow its "
            + "'context'. Call check_code on the code you wrote and fix what it finds. Call cwe_lookup for the "
            + "details of a CWE.")
        .capabilities(ServerCapabilities.builder().tools(false).build())
        .requestTimeout(REQUEST_TIMEOUT)
        .tools(tools.securityContext(), tools.cweLookup(), tools.checkCode())
        .build();
    try {
      // the transport answers 'initialize' on its own threads meanwhile; the first tool call then finds the model loaded
      service.warmUp();
      LOG.info("rescue MCP server ready on stdio: tools {}, {}; {} CWEs", SecurityTools.SECURITY_CONTEXT,
          SecurityTools.CWE_LOOKUP, service.cweIds().size());
      try {
        new JsonRpcLineGate(toSdk, protocolOut, inFlight, REQUEST_TIMEOUT).pump(in);
      } catch (IOException e) {
        LOG.info("stdin broken ({}): shutting down", e.getMessage());
      }
      LOG.info("stdin closed: answering {} requests in flight, then shutting down", inFlight.size());
      if (!inFlight.awaitAllAnswered(REQUEST_TIMEOUT)) {
        LOG.warn("{} requests still unanswered after {} s; shutting down", inFlight.size(), REQUEST_TIMEOUT.toSeconds());
      }
    } finally {
      toSdk.close();
      server.closeGracefully();
      protocolOut.flush();
    }
  }
}
