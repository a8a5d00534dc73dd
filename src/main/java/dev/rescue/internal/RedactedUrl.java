package dev.rescue.internal;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A server URL as it may be shown: the proxy's upstream in its start-up log, {@code /healthz} and
 * errors sent to clients; the LLM's and the remote embedder's base URL in errors and logs. A user may
 * put credentials in it ({@code https://user:password@host/v1}, {@code ?api-key=...}); those are
 * replaced by {@code ***} wherever the URL is displayed. The URL itself, with its credentials, is only
 * ever used to connect. The one redaction rule of the project.
 */
public final class RedactedUrl {
  // user[:password]@ right after the scheme's //, up to the first / ? or #
  private static final Pattern USERINFO = Pattern.compile("(?<=//)[^/?#@]*@");
  // the value of every query parameter: a query holds a secret often enough (api-key=, token=, sig=)
  private static final Pattern QUERY_VALUE = Pattern.compile("(?<=[?&][^=&#]{1,200}=)[^&#]*");

  private RedactedUrl() {}

  public static String of(URI url) {
    return url == null ? "none" : of(url.toString());
  }

  /** Also for a value that is not a valid URI (it may still hold a password). */
  public static String of(String url) {
    if (url == null) return "none";
    String s = USERINFO.matcher(url).replaceFirst("***@");
    int q = s.indexOf('?');
    if (q < 0) return s;
    return s.substring(0, q) + QUERY_VALUE.matcher(s.substring(q)).replaceAll("***");
  }
}
