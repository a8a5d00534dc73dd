package dev.rescue.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts in OpenAI's o200k encoding, the unit of every token figure and budget here. */
public final class Tokens {
  private static final Encoding O200K =
      Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private Tokens() {}

  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
  }
}
