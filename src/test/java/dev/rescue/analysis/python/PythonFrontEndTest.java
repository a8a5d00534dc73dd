package dev.rescue.analysis.python;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static dev.rescue.analysis.TreeSitterExpectations.flatten;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import org.junit.jupiter.api.Test;

class PythonFrontEndTest {
  private final PythonFrontEnd fe = new PythonFrontEnd();

  @Test
  void assignmentsDefineTargetsAndUseTheRightHandSide() {
    check(fe, """
        def f(a, b):
            # EXPECT-DEFS: x
            # EXPECT-USES: a, b
            x = a + b
            # EXPECT-DEFS: x
            # EXPECT-USES: x
            x += 1
            # EXPECT-DEFS: p, q
            # EXPECT-USES: x
            p, (q) = x, x
            # EXPECT-DEFS: y, z
            # EXPECT-USES: a
            y = z = a
            # EXPECT-DEFS: w
            # EXPECT-USES: b
            if (w := b):
                pass
        """);
  }

  @Test
  void attributeAndSubscriptTargetsDefineAndUseTheBaseVariable() {
    check(fe, """
        def f(self, i):
            # EXPECT-DEFS: self
            # EXPECT-USES: self
            # EXPECT-NO-USES: name
            self.name = 1
            # EXPECT-DEFS: a
            # EXPECT-USES: a, i, v
            a[i] = v
            # EXPECT-DEFS: self
            # EXPECT-USES: self, i
            self.x.f[i] = 1
        """);
  }

  @Test
  void loopWithAndExceptTargetsAreDefinitions() {
    check(fe, """
        def f(items, path):
            # EXPECT-KIND: LOOP
            # EXPECT-DEFS: i, k
            # EXPECT-USES: items
            # EXPECT-CALLS: enumerate
            for i, k in enumerate(items):
                # EXPECT-USES: k
                print(k)
            # EXPECT-KIND: BLOCK
            # EXPECT-DEFS: fh
            # EXPECT-USES: path
            # EXPECT-CALLS: open
            with open(path) as fh:
                data = fh.read()
            try:
                # EXPECT-CALLS: int
                n = int(data)
            # EXPECT-DEFS: e
            # EXPECT-USES: ValueError
            except ValueError as e:
                # EXPECT-KIND: THROW
                raise
        """);
  }

  @Test
  void comprehensionVariablesStayInsideTheComprehension() {
    check(fe, """
        def f(rows):
            # EXPECT-DEFS: names
            # EXPECT-USES: rows
            # EXPECT-NO-USES: r
            names = [r.name for r in rows if r]
            # EXPECT-DEFS: g
            # EXPECT-NO-USES: x
            g = lambda x: x + 1
        """);
  }

  @Test
  void globalStatementDefinesTheGlobalName() {
    check(fe, """
        def f():
            # EXPECT-DEFS: counter
            global counter
            # EXPECT-DEFS: counter
            # EXPECT-USES: counter
            counter += 1
        """);
  }

  @Test
  void aLocalCallableIsAUseButABuiltinIsNot() {
    check(fe, """
        def f(callback, x):
            # EXPECT-USES: callback, x
            callback(x)
            # EXPECT-USES: x
            # EXPECT-CALLS: len
            n = len(x)
        """);
  }

  @Test
  void apisAreQualifiedThroughImports() {
    check(fe, """
        import yaml as y
        import os.path
        from subprocess import run
        from . import helpers
        def load(data, cursor):
            # EXPECT-API: yaml.load
            # EXPECT-NO-API: y.load, .load
            cfg = y.load(data)
            # EXPECT-API: subprocess.run
            run(["ls"])
            # EXPECT-API: os.path.join
            p = os.path.join("a", "b")
            # EXPECT-API: .execute, cursor.execute
            cursor.execute("select 1")
            # EXPECT-API: eval, open
            eval(open(p).read())
            # EXPECT-API: helpers.go
            helpers.go()
        """);
  }

  @Test
  void unknownReceiversGiveMethodAndLastReceiverName() {
    check(fe, """
        def f(self):
            # EXPECT-API: .execute, cursor.execute
            # EXPECT-NO-API: self.cursor.execute
            self.cursor.execute(q)
            # EXPECT-API: .join
            s = ", ".join(items)
        """);
  }

  @Test
  void unfinishedCodeStillYieldsStatementsAndApis() {
    check(fe, """
        import yaml
        def f(data):
            # EXPECT-DEFS: x
            x = 1
            # EXPECT-API: yaml.load
            y = yaml.load(data
        """);
  }

  @Test
  void anIndentedMethodKeepsItsLineNumbersAndDecorators() {
    FunctionModel m = fe.function("""
            @app.route("/x")
            def view(self, request, *args, limit=10, **kw):
                return request.args
        """);
    assertThat(m.name()).isEqualTo("view");
    assertThat(m.signatureStartLine()).isEqualTo(1);
    assertThat(m.signatureEndLine()).isEqualTo(2);
    assertThat(m.endLine()).isEqualTo(3);
    assertThat(m.parameters()).containsExactlyInAnyOrder("self", "request", "args", "limit", "kw");
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.body()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(StatementKind.RETURN);
      assertThat(s.uses()).containsExactly("request");
    });
  }

  @Test
  void elifBecomesAnIfInsideElse() {
    FunctionModel m = fe.function("""
        def f(a):
            if a > 1:
                x = 1
            elif a > 0:
                x = 2
            else:
                x = 3
            return x
        """);
    Statement top = m.body().get(0);
    assertThat(top.kind()).isEqualTo(StatementKind.IF);
    assertThat(top.startLine()).isEqualTo(2);
    assertThat(top.headerEndLine()).isEqualTo(2);
    assertThat(top.endLine()).isEqualTo(7);
    assertThat(top.blocks()).extracting(b -> b.role()).containsExactly(BlockRole.THEN, BlockRole.ELSE);
    Statement elif = top.blocks().get(1).statements().get(0);
    assertThat(elif.kind()).isEqualTo(StatementKind.IF);
    assertThat(elif.startLine()).isEqualTo(4);
    assertThat(elif.endLine()).isEqualTo(7);
    assertThat(elif.uses()).containsExactly("a");
    assertThat(elif.blocks().get(1).statements().get(0).startLine()).isEqualTo(7);
  }

  @Test
  void compoundHeadersOwnOnlyTheirHeaderFacts() {
    FunctionModel m = fe.function("""
        def f(n):
            while (n >
                   0):
                n = step(n)
            else:
                done()
        """);
    Statement loop = m.body().get(0);
    assertThat(loop.kind()).isEqualTo(StatementKind.LOOP);
    assertThat(loop.headerEndLine()).isEqualTo(3);
    assertThat(loop.uses()).containsExactly("n");
    assertThat(loop.defs()).isEmpty();
    assertThat(loop.calls()).isEmpty();
    assertThat(loop.blocks()).extracting(b -> b.role()).containsExactly(BlockRole.BODY, BlockRole.ELSE);
  }

  @Test
  void aFragmentWithoutFunctionYieldsTopLevelStatements() {
    FunctionModel m = fe.function("import pickle\nobj = pickle.loads(blob)\n");
    assertThat(m.name()).isEmpty();
    assertThat(m.signatureStartLine()).isZero();
    assertThat(flatten(m.body())).extracting(Statement::startLine).containsExactly(1, 2);
    assertThat(m.body().get(1).defs()).containsExactly("obj");
    assertThat(fe.apiCalls("import pickle\nobj = pickle.loads(blob)\n")).containsExactly("pickle.loads");
  }

  @Test
  void parsesCleanlyTellsBrokenCodeApart() {
    assertThat(fe.parsesCleanly("def f(x):\n    return x\n")).isTrue();
    assertThat(fe.parsesCleanly("    def m(self):\n        # ...\n        return 1\n")).isTrue();
    assertThat(fe.parsesCleanly("def f(x:\n    return x\n")).isFalse();
  }
}
