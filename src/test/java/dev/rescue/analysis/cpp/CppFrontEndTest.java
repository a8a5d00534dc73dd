package dev.rescue.analysis.cpp;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import org.junit.jupiter.api.Test;

class CppFrontEndTest {
  private final CppFrontEnd fe = new CppFrontEnd();

  @Test
  void qualifiedAndMemberCallsAreApis() {
    check(fe, """
        void run(const std::string& cmd, Conn* conn)
        {
            // EXPECT-API: std::system, .c_str, cmd.c_str
            std::system(cmd.c_str());
            // EXPECT-API: .exec, conn.exec
            // EXPECT-NO-API: exec
            conn->exec(cmd);
            // EXPECT-API: std::make_unique
            // EXPECT-NO-API: std::make_unique<int>
            auto p = std::make_unique<int>(3);
            // EXPECT-API: strcpy
            strcpy(buf, cmd.data());
        }
        """);
  }

  @Test
  void declarationsRangeForAndConstructorCallsDefineNames() {
    check(fe, """
        bool Utility::UnZip(const QString &zippath, const QString &destpath)
        {
            // EXPECT-DEFS: dir
            // EXPECT-USES: destpath
            QDir dir(destpath);
            // EXPECT-DEFS: a, b
            // EXPECT-CALLS: get
            auto [a, b] = get();
            // EXPECT-KIND: LOOP
            // EXPECT-DEFS: x
            // EXPECT-USES: items
            for (auto& x : items) {
                // EXPECT-DEFS: this
                // EXPECT-USES: this, x
                this->last = x;
            }
            // EXPECT-DEFS: l
            // EXPECT-USES: a
            // EXPECT-NO-USES: q
            auto l = [&](int q) { return q + a; };
            return true;
        }
        """);
  }

  @Test
  void tryCatchHasBlocksAndTheCatchHeaderDefinesItsParameter() {
    FunctionModel m = fe.function("""
        int f(Obj* obj)
        {
            try {
                obj->run();
            } catch (const std::exception& e) {
                log(e.what());
                throw;
            }
            return 0;
        }
        """);
    Statement t = m.body().get(0);
    assertThat(t.kind()).isEqualTo(StatementKind.TRY);
    assertThat(t.blocks()).extracting(b -> b.role()).containsExactly(BlockRole.TRY, BlockRole.CATCH);
    Statement header = t.blocks().get(1).statements().get(0);
    assertThat(header.startLine()).isEqualTo(5);
    assertThat(header.defs()).containsExactly("e");
    assertThat(t.blocks().get(1).statements().get(2).kind()).isEqualTo(StatementKind.THROW);
  }

  @Test
  void templateMethodsKeepTheTemplateLineInTheSignature() {
    FunctionModel m = fe.function("""
        template <typename T>
        std::string Foo<T>::bar(const std::string& s, int n = 2) const {
          std::cout << s << n;
          return s;
        }
        """);
    assertThat(m.name()).isEqualTo("Foo<T>::bar");
    assertThat(m.signatureStartLine()).isEqualTo(1);
    assertThat(m.signatureEndLine()).isEqualTo(2);
    assertThat(m.parameters()).containsExactlyInAnyOrder("s", "n");
    assertThat(m.body().get(0).uses()).containsExactlyInAnyOrder("s", "n");
    assertThat(m.hasErrors()).isFalse();
  }

  @Test
  void cppCodeParsesCleanlyAndBrokenCodeDoesNot() {
    assertThat(fe.parsesCleanly("int f() {\n  std::vector<int> v{1, 2};\n  return v[0];\n}\n")).isTrue();
    assertThat(fe.parsesCleanly("int f() {\n  std::vector<int> v{1, 2;\n")).isFalse();
  }
}
