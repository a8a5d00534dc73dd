package dev.rescue.kb.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoizedApiCallsTest {
  private static final String CODE = String.join("\n",
      "def handler(request):",
      "    name = request.args.get('name')",
      "    path = os.path.join(BASE, name)",
      "    data = open(path).read()",
      "    cfg = yaml.safe_load(data)",
      "    log.info(cfg)",
      "    out = json.dumps(cfg)",
      "    subprocess.run(['ls', path], check=True)",
      "    hashlib.sha256(out.encode()).hexdigest()",
      "    return flask.jsonify(out)");

  @Test
  void keepsTheCallsInOrderOfFirstAppearanceAndParsesEachCodeOnce() {
    AtomicInteger parses = new AtomicInteger();
    MemoizedApiCalls memo = new MemoizedApiCalls((code, lang) -> {
      parses.incrementAndGet();
      return ApiExtractor.apiCalls(code, lang);
    });

    List<String> first = new ArrayList<>(memo.apiCalls(CODE, Language.PYTHON));
    List<String> again = new ArrayList<>(memo.apiCalls(CODE, Language.PYTHON));

    // a KB build must write the same API lists every run: the order is the code's, not a hash's
    assertThat(first).containsExactlyElementsOf(ApiExtractor.apiCalls(CODE, Language.PYTHON));
    assertThat(first.size()).isGreaterThan(8);
    assertThat(again).isEqualTo(first);
    assertThat(parses).hasValue(1);
  }
}
