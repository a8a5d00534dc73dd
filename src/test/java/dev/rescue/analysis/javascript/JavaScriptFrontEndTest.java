package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static dev.rescue.analysis.TreeSitterExpectations.flatten;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaScriptFrontEndTest {
  private final JavaScriptFrontEnd frontEnd = new JavaScriptFrontEnd();

  @Test
  void requiredModulesQualifyCallsAndDestructuringDefinesEachName() {
    check(frontEnd, """
        function run(req, res) {
          // EXPECT-DEFS: cp
          const cp = require('child_process');
          // EXPECT-DEFS: exec, sp
          const { exec, spawn: sp } = require('node:child_process');
          // EXPECT-API: child_process.exec
          // EXPECT-NO-API: .exec, cp.exec
          // EXPECT-USES: cp, req
          cp.exec(req.query.cmd);
          // EXPECT-API: child_process.spawn
          sp('ls');
          // EXPECT-API: fs.readFileSync
          require('fs').readFileSync(req.params.path);
          // EXPECT-DEFS: a, b, rest
          // EXPECT-USES: req
          let [a, { b }, ...rest] = req.body;
          // EXPECT-API: eval, setTimeout
          setTimeout(() => eval(a), 10);
          // EXPECT-API: Function
          new Function(b)();
          // EXPECT-API: document.write, .write
          document.write(rest);
          // EXPECT-DEFS: el
          // EXPECT-USES: el, a
          // EXPECT-NO-API: .innerHTML
          el.innerHTML = a;
          // EXPECT-DEFS: n
          // EXPECT-USES: n
          n += 1;
        }
        """);
  }

  @Test
  void esImportsBindDefaultNamespaceAndNamedMembers() {
    check(frontEnd, """
        import cp, { execSync as run } from 'child_process';
        import * as fs from 'fs';
        // EXPECT-API: child_process.exec, child_process.execSync, fs.writeFile
        cp.exec(x); run(y); fs.writeFile(p, d);
        """);
  }

  @Test
  void loopTargetsAndCatchParametersAreDefinitions() {
    check(frontEnd, """
        async function f(items, obj) {
          // EXPECT-KIND: LOOP
          // EXPECT-DEFS: k, v
          // EXPECT-USES: Object, obj
          for (const [k, v] of Object.entries(obj)) {
            // EXPECT-DEFS: out
            // EXPECT-USES: out, k, v
            out[k] = v;
          }
          try {
            await items.save();
          // EXPECT-DEFS: message
          } catch ({ message }) {
            // EXPECT-KIND: THROW
            throw new Error(message);
          }
        }
        """);
  }

  @Test
  void anIndentedArrowFunctionIsTheFunction() {
    String code = "\t\t\t\tc => {\n\t\t\t\t\tconst r = (Math.random() * 16) | 0;\n\t\t\t\t\treturn r.toString(16);\n\t\t\t\t}\n";
    FunctionModel m = frontEnd.function(code);
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.parameters()).containsExactly("c");
    assertThat(m.body()).extracting(Statement::kind).containsExactly(StatementKind.SIMPLE, StatementKind.RETURN);
    assertThat(m.body().get(1).uses()).containsExactly("r");
    assertThat(frontEnd.apiCalls(code)).contains("Math.random", ".toString");
  }

  @Test
  void aMethodOutOfItsClassParsesInsideAWrapperWithoutMovingLines() {
    String code = "  async load(id, { force }) {\n    const row = await this.db.query(id);\n    return row;\n  }\n";
    FunctionModel m = frontEnd.function(code);
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.name()).isEqualTo("load");
    assertThat(m.parameters()).containsExactlyInAnyOrder("id", "force");
    assertThat(m.endLine()).isEqualTo(4);
    assertThat(m.body().get(0).startLine()).isEqualTo(2);
    assertThat(m.body().get(0).uses()).containsExactlyInAnyOrder("this.db", "id");
    assertThat(frontEnd.apiCalls(code)).contains(".query", "db.query");
  }

  @Test
  void callbackBodiesAreBlocksWhoseHeaderDefinesTheirParameters() {
    FunctionModel m = frontEnd.function("""
        function start(app) {
          app.get('/', (req, res) => {
            const q = req.query.q;
            res.send(q);
          });
        }
        """);
    Statement route = m.body().get(0);
    assertThat(route.kind()).isEqualTo(StatementKind.BLOCK);
    assertThat(route.defs()).containsExactlyInAnyOrder("req", "res");
    assertThat(route.uses()).containsExactly("app");
    assertThat(route.blocks().get(0).statements()).hasSize(2);
  }

  @Test
  void aFragmentCutMidCallStillYieldsItsStatements() {
    String fragment = "  }, function (statusCode, body) {\n    if (statusCode !== 200) {\n      return;\n    }\n    callback(body.token);\n  }.bind(this));\n";
    FunctionModel m = frontEnd.function(fragment);
    List<Statement> all = flatten(m.body());
    assertThat(all).extracting(Statement::kind).contains(StatementKind.IF, StatementKind.RETURN);
    assertThat(frontEnd.apiCalls(fragment)).contains("callback");
  }

  @Test
  void anObjectPropertyFunctionParsesInsideAnObjectWrapper() {
    String code = "init : function(settings) {\n  this.opts = settings;\n  $.ajax(settings.url);\n},\n";
    FunctionModel m = frontEnd.function(code);
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.name()).isEqualTo("init");
    assertThat(m.parameters()).containsExactly("settings");
    assertThat(m.body().get(0).defs()).containsExactly("this.opts");
    assertThat(frontEnd.apiCalls(code)).contains(".ajax", "$.ajax");
  }

  @Test
  void labelledBreakCarriesItsLabel() {
    FunctionModel m = frontEnd.function("function f() {\n  outer: while (x) {\n    break outer;\n  }\n}\n");
    assertThat(m.body()).extracting(Statement::kind).containsExactly(StatementKind.LABEL, StatementKind.LOOP);
    assertThat(m.body().get(1).blocks().get(0).statements().get(0).label()).isEqualTo("outer");
  }
}
