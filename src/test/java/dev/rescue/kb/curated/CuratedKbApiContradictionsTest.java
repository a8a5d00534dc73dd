package dev.rescue.kb.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API lists across entries. A call that is risky for one CWE and safe for another, in the same
 * language, is right only in context (the README, "Risky here, safe there"); each such pair is
 * listed here with the reason, and any other is a mistake in the lists.
 */
class CuratedKbApiContradictionsTest {
  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  /** "language name" -> why it is risky where it is and safe where it is. */
  private static final Map<String, String> RISKY_HERE_SAFE_THERE = Map.of(
      "py hashlib.sha256", FastDigest.WHY, "go sha256.Sum256", FastDigest.WHY,
      "js crypto.createHash", FastDigest.WHY, "c EVP_Digest", FastDigest.WHY,
      "c memcpy", "risky with a length nobody checked against both buffers (CWE-125 over-read, CWE-787 "
          + "over-write) or a pointer that may be NULL (CWE-476); safe as the way to read a value at a byte "
          + "offset into a local instead of a mis-scaled typed pointer (CWE-468)",
      "c strchr", "risky on a buffer that may lack its terminator, where memchr with a length is right "
          + "(CWE-125); safe for rejecting a file name that contains '/' (CWE-22)",
      "js parseInt", "risky as validation, since it accepts trailing garbage ('12abc' is 12) (CWE-20); safe "
          + "as the number parser that replaces eval of a numeric string (CWE-95)");

  private static final class FastDigest {
    static final String WHY = "a fast digest is right for integrity and fingerprints (CWE-327) but not for "
        + "storing passwords, which need a slow salted KDF (CWE-916)";
  }

  @Test
  void aCallRiskyForOneCweAndSafeForAnotherIsOnlyOneWhoseContextIsDocumented() {
    Map<String, TreeSet<String>> risky = new TreeMap<>();
    Map<String, TreeSet<String>> safe = new TreeMap<>();
    for (CuratedFile f : FILES) {
      if (f.entry() == null) continue;
      f.entry().apis().forEach((lang, set) -> {
        set.risky().forEach(n -> risky.computeIfAbsent(lang + " " + n, k -> new TreeSet<>()).add(f.entry().cwe()));
        set.safe().forEach(n -> safe.computeIfAbsent(lang + " " + n, k -> new TreeSet<>()).add(f.entry().cwe()));
      });
    }
    Map<String, String> both = new TreeMap<>();
    for (String k : risky.keySet()) {
      if (safe.containsKey(k)) both.put(k, "risky in " + risky.get(k) + ", safe in " + safe.get(k));
    }
    String why = "APIs risky in one CWE and safe in another: " + both + "; document each with its reason "
        + "in RISKY_HERE_SAFE_THERE and the README, or fix the lists";
    // a run narrowed with -Dcurated.files sees only some of the pairs
    if (!CuratedCorpus.filter().isEmpty()) {
      assertThat(RISKY_HERE_SAFE_THERE.keySet()).as(why).containsAll(both.keySet());
      return;
    }
    assertThat(both.keySet()).as(why)
        .containsExactlyInAnyOrderElementsOf(RISKY_HERE_SAFE_THERE.keySet());
  }

  @Test
  void everyApiSetWritesBothListsEvenWhenOneIsEmpty() throws IOException {
    // explicit [] says "no such call for this language", where a missing key may be forgotten
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.list(CuratedCorpus.directory())) {
      for (Path p : files.filter(x -> x.getFileName().toString().matches("cwe-\\d+\\.yaml")).sorted().toList()) {
        JsonNode apis = yaml.readTree(p.toFile()).path("apis");
        apis.fields().forEachRemaining(e -> {
          for (String key : List.of("risky", "safe")) {
            if (!e.getValue().path(key).isArray()) missing.add(p.getFileName() + " apis." + e.getKey() + "." + key);
          }
        });
      }
    }
    assertThat(missing).as("api lists not written (write [] when there is none)").isEmpty();
  }
}
