package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

/** The spelling of API names, and that front-ends of different languages agree on it. */
class ApiNameTest {
  @Test
  void aMethodOnAnUnknownReceiverGoesByAnyReceiverThenItsLastName() {
    assertThat(ApiName.onUnknownReceiver("cursor", "execute")).containsExactly(".execute", "cursor.execute");
    assertThat(ApiName.onUnknownReceiver(null, "join")).containsExactly(".join");
    assertThat(ApiName.onUnknownReceiver("", "join")).containsExactly(".join");
  }

  @Test
  void constructorsAndQualifiedNames() {
    assertThat(ApiName.constructor("ProcessBuilder")).isEqualTo("ProcessBuilder.<init>");
    assertThat(ApiName.qualified("exec", "Command")).isEqualTo("exec.Command");
    assertThat(ApiName.isBlank("")).isTrue();
    assertThat(ApiName.isBlank(".")).isTrue();
    assertThat(ApiName.isBlank(".x")).isFalse();
  }

  @Test
  void everyFrontEndNamesAMethodOnALocalReceiverTheSameWay() {
    String[][] snippets = {
        {"PYTHON", "def f(conn):\n    conn.execute(q)\n"},
        {"C", "void f(struct db *conn) { conn->execute(q); }\n"},
        {"CPP", "void f(Db &conn) { conn.execute(q); }\n"},
        {"JAVA", "void f() { this.conn.execute(q); }\n"},
        {"JAVASCRIPT", "function f(conn) { conn.execute(q); }\n"},
        {"GO", "func f(conn *DB) { conn.execute(q) }\n"}};
    for (String[] s : snippets) {
      LanguageFrontEnd fe = FrontEnds.of(Language.valueOf(s[0])).orElseThrow();
      assertThat(fe.apiCalls(s[1])).as(s[0]).contains(".execute", "conn.execute");
    }
  }
}
