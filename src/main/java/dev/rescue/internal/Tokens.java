package dev.rescue.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts in OpenAI's o200k encoding, the unit of every token figure and budget here. */
public final class Tokens {
  // the lazy registry parses only the encoding asked for (3.6 MB of ranks); the default one parses all
  // five (7 MB) to use one
  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private Tokens() {}

  /** Loads the encoding now (the first count otherwise does), e.g. on a thread of its own while other work goes on. */
  public static void warmUp() {
    count("warm-up");
  }

  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
  }
}
