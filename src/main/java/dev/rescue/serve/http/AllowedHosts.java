package dev.rescue.serve.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} header values the proxy answers to, its defence against DNS rebinding: a web page
 * on {@code evil.example} can make the browser resolve its own name to 127.0.0.1 and then drive a
 * local proxy that holds the operator's upstream key, but the browser still sends
 * {@code Host: evil.example}. So a request is served only when its Host names the proxy:
 * {@code 127.0.0.1}, {@code localhost}, {@code [::1]} or the bound host, each with the bound port;
 * on a wildcard bind ({@code 0.0.0.0}, {@code ::}) also any IP literal with the bound port (an IP
 * needs no DNS, so it cannot be rebound); and any name given with {@code --allowed-host} (with any
 * port, since a reverse proxy in front may listen on another).
 */
final class AllowedHosts {
  private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

  private final Set<String> names; // lower case, without port, IPv6 in brackets
  private final Set<String> anyPort; // the --allowed-host names
  private final boolean ipLiterals;
  private final int port;

  private AllowedHosts(Set<String> names, Set<String> anyPort, boolean ipLiterals, int port) {
    this.names = names;
    this.anyPort = anyPort;
    this.ipLiterals = ipLiterals;
    this.port = port;
  }

  /**
   * @param boundHost the {@code --host} the proxy listens on
   * @param port the port actually bound
   * @param configured the {@code --allowed-host} values
   */
  static AllowedHosts of(String boundHost, int port, List<String> configured) {
    Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
    boolean wildcard = boundHost.equals("0.0.0.0") || boundHost.equals("::") || boundHost.equals("[::]");
    if (!wildcard) names.add(bracketed(boundHost.toLowerCase(Locale.ROOT)));
    Set<String> anyPort = new LinkedHashSet<>();
    for (String c : configured) anyPort.add(bracketed(c.strip().toLowerCase(Locale.ROOT)));
    return new AllowedHosts(names, anyPort, wildcard, port);
  }

  /** Whether a request with this {@code Host} header may be served (none: an HTTP/1.0 client, served). */
  boolean accepts(String hostHeader) {
    if (hostHeader == null) return true;
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    String name = h;
    String givenPort = null;
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && colon > h.lastIndexOf(']')) { // a port, not a colon inside [v6]
      name = h.substring(0, colon);
      givenPort = h.substring(colon + 1);
    }
    if (anyPort.contains(name)) return true;
    boolean portMatches = givenPort == null ? port == 80 : givenPort.equals(Integer.toString(port));
    if (!portMatches) return false;
    return names.contains(name) || (ipLiterals && isIpLiteral(name));
  }

  /** The names served, for the error message. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (String n : names) out.add(n + ":" + port);
    if (ipLiterals) out.add("any IP address:" + port);
    out.addAll(anyPort);
    return out;
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static boolean isIpLiteral(String name) {
    if (name.startsWith("[") && name.endsWith("]")) return true;
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
