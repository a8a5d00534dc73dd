package dev.rescue.analysis.go;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static dev.rescue.analysis.TreeSitterExpectations.flatten;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import org.junit.jupiter.api.Test;

class GoFrontEndTest {
  private final GoFrontEnd frontEnd = new GoFrontEnd();

  @Test
  void aMethodWithoutPackageClauseYieldsDefsUsesAndPackageCalls() {
    check(frontEnd, """
        func (b *backend) run(ctx context.Context, name string) error {
        	// EXPECT-DEFS: cmd
        	// EXPECT-USES: name
        	// EXPECT-API: exec.Command
        	cmd := exec.Command("sh", "-c", name)
        	// EXPECT-DEFS: out, err
        	// EXPECT-USES: cmd
        	// EXPECT-API: .Output, cmd.Output
        	out, err := cmd.Output()
        	// EXPECT-KIND: IF
        	// EXPECT-USES: err
        	if err != nil {
        		// EXPECT-API: fmt.Errorf
        		return fmt.Errorf("failed: %w", err)
        	}
        	// EXPECT-DEFS: rows
        	// EXPECT-USES: b, out
        	// EXPECT-API: .Query, db.Query
        	// EXPECT-NO-API: b.db.Query
        	rows := b.db.Query(string(out))
        	// EXPECT-DEFS: cfg
        	// EXPECT-USES: cfg, rows
        	cfg.Rows = rows
        	// EXPECT-DEFS: buf
        	// EXPECT-USES: buf, out
        	buf[0] = out[0]
        	// EXPECT-DEFS: p
        	// EXPECT-USES: p
        	*p = 3
        	// EXPECT-DEFS: v
        	// EXPECT-USES: v, data
        	json.Unmarshal(data, &v)
        	// EXPECT-DEFS: total
        	// EXPECT-USES: total
        	total += 1
        	return nil
        }
        """);
  }

  @Test
  void importAliasesResolveToThePackageName() {
    check(frontEnd, """
        import (
        	sq "database/sql"
        	"gopkg.in/yaml.v2"
        )
        func f() {
        	// EXPECT-API: sql.Open, yaml.Unmarshal
        	// EXPECT-NO-API: sq.Open
        	db, _ := sq.Open("x", dsn); yaml.Unmarshal(b, db)
        }
        """);
  }

  @Test
  void rangeVarAndMultipleAssignmentDefineEveryName() {
    check(frontEnd, """
        func f(xs []int) {
        	// EXPECT-DEFS: a, b
        	var a, b int = 1, 2
        	// EXPECT-KIND: LOOP
        	// EXPECT-DEFS: i, x
        	// EXPECT-USES: xs
        	for i, x := range xs {
        		// EXPECT-DEFS: a, b
        		// EXPECT-USES: b, a, i, x
        		a, b = b+i, a+x
        	}
        	// EXPECT-DEFS: _
        	// EXPECT-KIND: IF
        	// EXPECT-DEFS: err
        	if err := g(a); err != nil {
        		// EXPECT-KIND: THROW
        		panic(err)
        	}
        }
        """.replace("\t// EXPECT-DEFS: _\n", ""));
  }

  @Test
  void selectDeferAndLabelledBreakFollowTheConventions() {
    FunctionModel m = frontEnd.function("""
        func loop(ch chan int, f *os.File) {
        	defer f.Close()
        	defer func() {
        		recover()
        	}()
        Outer:
        	for {
        		select {
        		case v := <-ch:
        			use(v)
        			break Outer
        		default:
        		}
        	}
        }
        """);
    assertThat(m.parameters()).containsExactlyInAnyOrder("ch", "f");
    assertThat(m.body()).extracting(Statement::kind).containsExactly(StatementKind.SIMPLE, StatementKind.BLOCK,
        StatementKind.LABEL, StatementKind.LOOP);
    assertThat(m.body().get(0).calls()).containsExactly(".Close");
    assertThat(m.body().get(1).blocks().get(0).statements()).hasSize(1);
    assertThat(m.body().get(2).label()).isEqualTo("Outer");
    Statement select = m.body().get(3).blocks().get(0).statements().get(0);
    assertThat(select.kind()).isEqualTo(StatementKind.SWITCH);
    assertThat(select.blocks()).hasSize(2);
    Statement receive = select.blocks().get(0).statements().get(0);
    assertThat(receive.startLine()).isEqualTo(9);
    assertThat(receive.defs()).containsExactly("v");
    assertThat(receive.uses()).containsExactly("ch");
    Statement brk = select.blocks().get(0).statements().get(2);
    assertThat(brk.kind()).isEqualTo(StatementKind.BREAK);
    assertThat(brk.label()).isEqualTo("Outer");
  }

  @Test
  void aLoneStatementStillYieldsApis() {
    assertThat(frontEnd.apiCalls("http.ListenAndServe(addr, nil)")).contains("http.ListenAndServe");
    FunctionModel m = frontEnd.function("x := os.Getenv(\"HOME\")");
    assertThat(m.name()).isEmpty();
    assertThat(m.body()).hasSize(1);
    assertThat(m.body().get(0).defs()).containsExactly("x");
  }
}
