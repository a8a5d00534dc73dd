package dev.rescue.analysis.c;

import static dev.rescue.analysis.TreeSitterExpectations.check;
import static dev.rescue.analysis.TreeSitterExpectations.flatten;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import org.junit.jupiter.api.Test;

class CFrontEndTest {
  private final CFrontEnd fe = new CFrontEnd();

  @Test
  void declarationsDefineTheirDeclaratorsWithOrWithoutInitialisers() {
    check(fe, """
        int f(const char *src, size_t n)
        {
            // EXPECT-DEFS: len, k
            // EXPECT-USES: src
            // EXPECT-CALLS: strlen
            int len = strlen(src), k;
            // EXPECT-DEFS: buf, p
            // EXPECT-USES: n
            char buf[n], *p = NULL;
            // EXPECT-DEFS: total
            // EXPECT-USES:
            size_t total;
            return len;
        }
        """);
  }

  @Test
  void writesThroughFieldsIndexesAndPointersDefineTheBaseVariable() {
    check(fe, """
        void f(struct conn *con, char *p, int *a, int i)
        {
            // EXPECT-DEFS: p
            // EXPECT-USES: p
            *p = 0;
            // EXPECT-DEFS: con
            // EXPECT-USES: con, i
            // EXPECT-NO-USES: len
            con->len = i;
            // EXPECT-DEFS: a
            // EXPECT-USES: a, i
            a[i] += 3;
            // EXPECT-DEFS: i
            // EXPECT-USES: i
            i++;
            // EXPECT-DEFS: i
            // EXPECT-USES: a
            i = a[0];
        }
        """);
  }

  @Test
  void addressPassedToACallIsAPossibleDefinition() {
    check(fe, """
        void f(void)
        {
            int x;
            struct stat st;
            // EXPECT-DEFS: x, st
            // EXPECT-USES: x, st
            // EXPECT-CALLS: get
            get(&x, &st.st_size);
            // EXPECT-NO-DEFS: x
            // EXPECT-USES: x
            use(x);
        }
        """);
  }

  @Test
  void plainCallsAreApisAndMemberCallsGiveMethodAndReceiver() {
    check(fe, """
        void f(char *dst, const char *src, struct ops *ops)
        {
            // EXPECT-API: strcpy
            strcpy(dst, src);
            // EXPECT-API: memcpy, malloc
            memcpy(malloc(10), src, 10);
            // EXPECT-API: .read, ops.read
            // EXPECT-NO-API: ops->read
            ops->read(dst);
        }
        """);
  }

  @Test
  void controlStatementsHaveKindsHeadersAndLabels() {
    check(fe, """
        int f(int n)
        {
            int i;
            // EXPECT-KIND: LOOP
            // EXPECT-DEFS: i
            // EXPECT-USES: i, n
            for (i = 0; i < n; i++) {
                // EXPECT-KIND: IF
                // EXPECT-USES: i
                if (i == 3)
                    // EXPECT-KIND: GOTO
                    // EXPECT-LABEL: out
                    goto out;
            }
            // EXPECT-KIND: SWITCH
            // EXPECT-USES: n
            switch (n) {
            case 1:
                // EXPECT-KIND: BREAK
                break;
            }
        // EXPECT-KIND: LABEL
        // EXPECT-LABEL: out
        out:
            // EXPECT-KIND: RETURN
            // EXPECT-USES: i
            return i;
        }
        """);
  }

  @Test
  void elseIfIsAnIfInsideElse() {
    FunctionModel m = fe.function("""
        int f(int a)
        {
            if (a > 1)
                a = 1;
            else if (a > 0)
                a = 2;
            else
                a = 3;
            return a;
        }
        """);
    Statement top = m.body().get(0);
    assertThat(top.kind()).isEqualTo(StatementKind.IF);
    assertThat(top.blocks()).extracting(b -> b.role()).containsExactly(BlockRole.THEN, BlockRole.ELSE);
    Statement inner = top.blocks().get(1).statements().get(0);
    assertThat(inner.kind()).isEqualTo(StatementKind.IF);
    assertThat(inner.startLine()).isEqualTo(5);
    assertThat(inner.uses()).containsExactly("a");
    assertThat(inner.blocks().get(1).statements().get(0).defs()).containsExactly("a");
  }

  @Test
  void aMacroMadeSignatureStillYieldsTheFunction() {
    FunctionModel m = fe.function("""
        PHYSICALPATH_FUNC(mod_alias_physical_handler) {
        	plugin_data *p = p_d;
        	if (buffer_is_empty(con->physical.path)) return HANDLER_GO_ON;
        	return HANDLER_GO_ON;
        }
        """);
    assertThat(m.name()).isEqualTo("mod_alias_physical_handler");
    assertThat(m.signatureStartLine()).isEqualTo(1);
    assertThat(m.signatureEndLine()).isEqualTo(1);
    assertThat(m.endLine()).isEqualTo(5);
    assertThat(m.body()).extracting(Statement::kind)
        .containsExactly(StatementKind.SIMPLE, StatementKind.IF, StatementKind.RETURN);
    assertThat(m.body().get(0).defs()).containsExactly("p");
  }

  @Test
  void parametersAndLinesOfAnOrdinaryFunction() {
    FunctionModel m = fe.function("""
        static int
        copy(char *dst,
             const char *src, size_t n)
        {
            do {
                n--;
            } while (n > 0);
            return 0;
        }
        """);
    assertThat(m.name()).isEqualTo("copy");
    assertThat(m.parameters()).containsExactlyInAnyOrder("dst", "src", "n");
    assertThat(m.signatureStartLine()).isEqualTo(1);
    assertThat(m.signatureEndLine()).isEqualTo(4);
    assertThat(m.endLine()).isEqualTo(9);
    Statement loop = m.body().get(0);
    assertThat(loop.kind()).isEqualTo(StatementKind.LOOP);
    assertThat(loop.uses()).containsExactly("n");
    assertThat(loop.endLine()).isEqualTo(7);
    assertThat(m.hasErrors()).isFalse();
  }

  @Test
  void preprocessorBranchesAreReadInLineOrder() {
    FunctionModel m = fe.function("""
        void f(void)
        {
        #ifdef _WIN32
            a = 1;
        #else
            a = 2;
        #endif
            g(a);
        }
        """);
    assertThat(flatten(m.body())).extracting(Statement::startLine).containsExactly(4, 6, 8);
  }

  @Test
  void aLoneStatementFragmentYieldsStatementsAndApis() {
    String code = "strcpy(buf, argv[1]);\nsystem(buf);\n";
    FunctionModel m = fe.function(code);
    assertThat(m.name()).isEmpty();
    assertThat(flatten(m.body())).extracting(Statement::startLine).contains(1, 2);
    assertThat(fe.apiCalls(code)).contains("strcpy", "system");
    assertThat(fe.apiCalls("void f(char *s) {\n  strcpy(buf, s")).contains("strcpy");
  }

  @Test
  void aFunctionWhoseReturnTypeLineWasCutStillParsesCleanly() {
    String code = """
        set_interface_var(const char *iface, const char __user *var, int value)
        {
        	list_for_each_entry(pos, head, list) {
        		count++;
        	}
        	return snprintf(buf, sizeof(buf), var, iface);
        }
        """;
    FunctionModel m = fe.function(code);
    assertThat(m.hasErrors()).isFalse();
    assertThat(fe.parsesCleanly(code)).isTrue();
    assertThat(m.name()).isEqualTo("set_interface_var");
    assertThat(m.parameters()).containsExactlyInAnyOrder("iface", "var", "value");
    assertThat(m.body()).extracting(Statement::kind)
        .containsExactly(StatementKind.LOOP, StatementKind.RETURN);
    assertThat(m.body().get(0).uses()).contains("pos", "head");
    assertThat(m.body().get(1).startLine()).isEqualTo(6);
  }

  @Test
  void exportMacrosBeforeTheTypeAreIgnored() {
    FunctionModel m = fe.function("""
        MagickExport Image *SpliceImage(const Image *image, ExceptionInfo *exception)
        {
          return CloneImage(image, 0, 0, MagickTrue, exception);
        }
        """);
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.name()).isEqualTo("SpliceImage");
    assertThat(m.parameters()).containsExactlyInAnyOrder("image", "exception");
  }

  @Test
  void aMacroMadeSignatureKeepsItsNameWhenTheBodyNeedsRepair() {
    FunctionModel m = fe.function("""
        PHYSICALPATH_FUNC(handler) {
        	CONST int n = 1;
        	return n;
        }
        """);
    assertThat(m.name()).isEqualTo("handler");
  }
}
