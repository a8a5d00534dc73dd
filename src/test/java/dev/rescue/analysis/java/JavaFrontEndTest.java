package dev.rescue.analysis.java;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static dev.rescue.analysis.TreeSitterExpectations.flatten;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaFrontEndTest {
  private final JavaFrontEnd frontEnd = new JavaFrontEnd();

  @Test
  void methodOutOfItsClassYieldsDefsUsesAndTypedApis() {
    check(frontEnd, """
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            // EXPECT-DEFS: name
            // EXPECT-USES: request
            // EXPECT-API: HttpServletRequest.getParameter
            String name = request.getParameter("name");
            // EXPECT-DEFS: st
            // EXPECT-USES: conn
            Statement st = conn.createStatement();
            // EXPECT-DEFS: rs
            // EXPECT-USES: st, name
            // EXPECT-API: Statement.executeQuery
            // EXPECT-NO-API: st.executeQuery
            ResultSet rs = st.executeQuery("SELECT * FROM t WHERE n = '" + name + "'");
            // EXPECT-API: Runtime.exec, Runtime.getRuntime
            // EXPECT-NO-API: .getRuntime
            Runtime.getRuntime().exec(cmd);
            // EXPECT-API: ProcessBuilder.<init>, ProcessBuilder.start
            new ProcessBuilder(args).start();
            // EXPECT-DEFS: this.count
            // EXPECT-USES: this.count
            this.count += 1;
            // EXPECT-DEFS: out
            // EXPECT-USES: out, i, v
            out[i] = v;
            // EXPECT-DEFS: response
            // EXPECT-USES: response, name
            response.status = name;
            // EXPECT-API: .println, out.println
            System.out.println(name);
          }
        """);
  }

  @Test
  void loopTargetsCatchParametersAndResourcesAreDefinitions() {
    check(frontEnd, """
        void f(List<String> items) {
          // EXPECT-KIND: LOOP
          // EXPECT-DEFS: item
          // EXPECT-USES: items
          for (String item : items) {
            // EXPECT-DEFS: total
            // EXPECT-USES: total, item
            total += item.length();
          }
          // EXPECT-KIND: TRY
          // EXPECT-DEFS: in
          // EXPECT-USES: path
          try (InputStream in = Files.newInputStream(path)) {
            in.read();
          // EXPECT-DEFS: e
          } catch (IOException e) {
            // EXPECT-KIND: THROW
            throw new IllegalStateException(e);
          }
          // EXPECT-KIND: LOOP
          // EXPECT-DEFS: i
          // EXPECT-USES: i, n
          for (int i = 0; i < n; i++) { }
        }
        """);
  }

  @Test
  void importsQualifyTypesAndPackagePathsAreNoUses() {
    check(frontEnd, """
        import java.sql.Statement;
        class A {
          void f(Statement st, String q) {
            // EXPECT-API: Statement.execute, java.sql.Statement.execute
            st.execute(q);
            // EXPECT-USES:
            // EXPECT-API: File.createTempFile, java.io.File.createTempFile
            java.io.File.createTempFile("a", "b");
          }
        }
        """);
  }

  @Test
  void elseIfIsAnIfInsideElseAndLabelsPrecedeTheirLoop() {
    FunctionModel m = frontEnd.function("""
        int f(int a) {
          outer:
          for (int i = 0; i < a; i++) {
            if (i == 1) { continue outer; }
            else if (i == 2) { break outer; }
            else { a--; }
          }
          switch (a) { case 1: return 1; default: return 2; }
        }
        """);
    assertThat(m.name()).isEqualTo("f");
    assertThat(m.parameters()).containsExactly("a");
    assertThat(m.signatureStartLine()).isEqualTo(1);
    assertThat(m.endLine()).isEqualTo(9);
    List<Statement> body = m.body();
    assertThat(body).extracting(Statement::kind)
        .containsExactly(StatementKind.LABEL, StatementKind.LOOP, StatementKind.SWITCH);
    assertThat(body.get(0).label()).isEqualTo("outer");
    Statement ifStmt = body.get(1).blocks().get(0).statements().get(0);
    assertThat(ifStmt.kind()).isEqualTo(StatementKind.IF);
    Statement elseIf = ifStmt.blocks().get(1).statements().get(0);
    assertThat(elseIf.kind()).isEqualTo(StatementKind.IF);
    assertThat(elseIf.blocks().get(0).statements().get(0).kind()).isEqualTo(StatementKind.BREAK);
    assertThat(elseIf.blocks().get(0).statements().get(0).label()).isEqualTo("outer");
    assertThat(body.get(2).blocks()).hasSize(2);
  }

  @Test
  void allmanBracesBelongToTheHeader() {
    FunctionModel m = frontEnd.function("""
        void f(boolean a)
        {
            if (a)
            {
                g();
            }
        }
        """);
    assertThat(m.signatureEndLine()).isEqualTo(2);
    Statement ifStmt = m.body().get(0);
    assertThat(ifStmt.startLine()).isEqualTo(3);
    assertThat(ifStmt.headerEndLine()).isEqualTo(4);
    assertThat(ifStmt.endLine()).isEqualTo(6);
  }

  @Test
  void aPromptEndingMidBodyStillYieldsStatementsAndApis() {
    String prompt = """
        public void run(String cmd) throws IOException {
            String safe = cmd.trim();
            Process p = Runtime.getRuntime().exec(safe);
        """;
    FunctionModel m = frontEnd.function(prompt);
    assertThat(m.name()).isEqualTo("run");
    List<Statement> all = flatten(m.body());
    assertThat(all).extracting(Statement::startLine).contains(2, 3);
    assertThat(m.endLine()).isLessThanOrEqualTo(3);
    assertThat(frontEnd.apiCalls(prompt)).contains("Runtime.exec", "String.trim");
  }

  @Test
  void aLoneStatementIsModelledAsTopLevelCode() {
    FunctionModel m = frontEnd.function("Class.forName(name).newInstance();");
    assertThat(m.name()).isEmpty();
    assertThat(m.signatureStartLine()).isZero();
    assertThat(m.body()).hasSize(1);
    assertThat(frontEnd.apiCalls("Class.forName(name).newInstance();")).contains("Class.forName", ".newInstance");
  }

  @Test
  void parsesCleanlyTellsSlicesWithElisionFromBrokenCode() {
    assertThat(frontEnd.parsesCleanly("void f() {\n  // ...\n  g();\n}\n")).isTrue();
    assertThat(frontEnd.parsesCleanly("void f() {\n  g(;\n}\n")).isFalse();
  }
}
