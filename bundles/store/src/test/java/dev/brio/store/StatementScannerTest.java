package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementScannerTest {

  @Test
  void positionalParametersAreNotNamed() {
    var scan = StatementScanner.scan("SELECT ?, ?2, ?10 FROM t WHERE a = ?");
    assertEquals(List.of(), scan.namedParameters());
    assertFalse(scan.hasTail());
    assertFalse(scan.blank());
  }

  @Test
  void findsEveryStyleOfNamedParameter() {
    var scan = StatementScanner.scan("SELECT :a, @b, $c, $d::e(f) FROM t");
    assertEquals(List.of(":a", "@b", "$c", "$d::e(f)"), scan.namedParameters());
  }

  @Test
  void ignoresParameterLookalikesInLiteralsIdentifiersAndComments() {
    var scan =
        StatementScanner.scan(
            """
            SELECT ':a', "@b", `$c`, [:d], 'it''s :e' -- :f
            /* @g ; */ FROM t$x""");
    assertEquals(List.of(), scan.namedParameters());
    assertFalse(scan.hasTail());
  }

  @Test
  void trailingSemicolonsWhitespaceAndCommentsAreNoTail() {
    assertFalse(StatementScanner.scan("SELECT 1;  ;\n -- done\n /* really */").hasTail());
  }

  @Test
  void reportsWhereASecondStatementStarts() {
    var scan = StatementScanner.scan("INSERT INTO t VALUES (1); DELETE FROM t");
    assertTrue(scan.hasTail());
    assertEquals(26, scan.tailOffset());
  }

  @Test
  void semicolonsInsideLiteralsDoNotEndTheStatement() {
    assertFalse(StatementScanner.scan("SELECT 'a; DROP TABLE t'").hasTail());
  }

  @Test
  void triggerBodyIsOneStatement() {
    String trigger =
        """
        CREATE TEMP TRIGGER t_audit AFTER INSERT ON t BEGIN
          INSERT INTO audit VALUES (new.id);
          UPDATE t SET seen = 1 WHERE id = new.id;
        END;""";
    assertFalse(StatementScanner.scan(trigger).hasTail());
    assertTrue(StatementScanner.scan(trigger + " SELECT 1").hasTail());
  }

  @Test
  void reportsTheFirstKeyword() {
    assertEquals("BEGIN", StatementScanner.scan(" /* x */ begin immediate").firstWord());
    assertEquals("WITH", StatementScanner.scan("with c AS (SELECT 1) SELECT * FROM c").firstWord());
    assertEquals("", StatementScanner.scan("(SELECT 1)").firstWord());
    assertEquals("", StatementScanner.scan("-- nothing").firstWord());
  }

  @Test
  void onlyCommentsIsBlank() {
    assertTrue(StatementScanner.scan("  -- nothing here\n /* nor here */ ;").blank());
  }
}
