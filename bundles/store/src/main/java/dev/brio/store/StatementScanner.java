package dev.brio.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads SQL text the way SQLite's tokenizer does, to find the two things sqlite-jdbc cannot tell
 * us: the names of named parameters ({@code sqlite3_bind_parameter_name} is not exposed) and
 * whether text follows the first statement ({@code sqlite3_prepare}'s tail is dropped, so a second
 * statement would be silently ignored).
 *
 * <p>This is a tokenizer, not a pattern match: string literals, quoted identifiers and comments are
 * skipped as SQLite skips them, so {@code ':x'} or {@code -- @y} are not parameters. The end of the
 * first statement is found with the state machine of SQLite's {@code sqlite3_complete()}
 * (complete.c), which knows that the semicolons inside {@code CREATE TRIGGER ... BEGIN ... END} do
 * not end the statement.
 */
final class StatementScanner {

  /**
   * What the scan found. {@code firstWord} is the statement's first keyword in upper case (empty
   * when it starts otherwise); {@code tailOffset} is -1 when nothing follows the first statement.
   */
  record Scan(boolean blank, String firstWord, List<String> namedParameters, int tailOffset) {
    Scan {
      namedParameters = List.copyOf(namedParameters);
    }

    boolean hasTail() {
      return tailOffset >= 0;
    }
  }

  // Token classes of complete.c.
  private static final int SEMI = 0;
  private static final int WS = 1;
  private static final int OTHER = 2;
  private static final int EXPLAIN = 3;
  private static final int CREATE = 4;
  private static final int TEMP = 5;
  private static final int TRIGGER = 6;
  private static final int END = 7;

  // States of complete.c: 0 INVALID, 1 START, 2 NORMAL, 3 EXPLAIN, 4 CREATE, 5 TRIGGER, 6 SEMI,
  // 7 END. A statement is complete when a SEMI token brings the machine back to START.
  private static final int START = 1;
  private static final int[][] TRANSITIONS = {
    /* INVALID */ {1, 0, 2, 3, 4, 2, 2, 2},
    /* START   */ {1, 1, 2, 3, 4, 2, 2, 2},
    /* NORMAL  */ {1, 2, 2, 2, 2, 2, 2, 2},
    /* EXPLAIN */ {1, 3, 3, 2, 4, 2, 2, 2},
    /* CREATE  */ {1, 4, 2, 2, 2, 4, 5, 2},
    /* TRIGGER */ {6, 5, 5, 5, 5, 5, 5, 5},
    /* SEMI    */ {6, 6, 5, 5, 5, 5, 5, 7},
    /* END     */ {1, 7, 5, 5, 5, 5, 5, 5},
  };

  private StatementScanner() {}

  static Scan scan(String sql) {
    List<String> named = new ArrayList<>();
    String firstWord = null;
    int state = 0;
    boolean sawStatement = false;
    boolean firstComplete = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int start = i;
      char c = sql.charAt(i);
      int token;
      if (Character.isWhitespace(c)) {
        i++;
        token = WS;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipLineComment(sql, i);
        token = WS;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
        token = WS;
      } else if (c == ';') {
        i++;
        token = SEMI;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
        token = OTHER;
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        i = close < 0 ? n : close + 1;
        token = OTHER;
      } else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isIdChar(sql.charAt(i + 1))) {
        i = skipParameterName(sql, i + 1);
        named.add(sql.substring(start, i));
        token = OTHER;
      } else if (isIdChar(c)) {
        while (i < n && isIdChar(sql.charAt(i))) {
          i++;
        }
        String word = sql.substring(start, i);
        if (firstWord == null) {
          firstWord = word.toUpperCase(Locale.ROOT);
        }
        token = keyword(word);
      } else {
        // '?NNN' and every operator: one character is enough, digits that follow are id chars.
        i++;
        token = OTHER;
      }

      if (firstComplete) {
        if (token != WS && token != SEMI) {
          return new Scan(false, firstWord, named, start);
        }
        continue;
      }
      if (token != WS && token != SEMI) {
        sawStatement = true;
        if (firstWord == null) {
          firstWord = "";
        }
      }
      state = TRANSITIONS[state][token];
      if (token == SEMI && state == START && sawStatement) {
        firstComplete = true;
      }
    }
    return new Scan(!sawStatement, firstWord == null ? "" : firstWord, named, -1);
  }

  private static int keyword(String word) {
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "EXPLAIN" -> EXPLAIN;
      case "CREATE" -> CREATE;
      case "TEMP", "TEMPORARY" -> TEMP;
      case "TRIGGER" -> TRIGGER;
      case "END" -> END;
      default -> OTHER;
    };
  }

  /** SQLite's identifier characters: letters, digits, '_', '$' and anything non-ASCII. */
  private static boolean isIdChar(char c) {
    return c >= 0x80 || Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** A name after ':', '@' or '$', including Tcl-style '::' segments and a '(...)' suffix. */
  private static int skipParameterName(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (isIdChar(c)) {
        i++;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i += 2;
      } else if (c == '(') {
        int close = sql.indexOf(')', i);
        return close < 0 ? n : close + 1;
      } else {
        break;
      }
    }
    return i;
  }

  private static int skipLineComment(String sql, int i) {
    int newline = sql.indexOf('\n', i);
    return newline < 0 ? sql.length() : newline + 1;
  }

  private static int skipBlockComment(String sql, int i) {
    int close = sql.indexOf("*/", i + 2);
    return close < 0 ? sql.length() : close + 2;
  }

  /** A quoted literal or identifier; a doubled delimiter stands for itself. */
  private static int skipQuoted(String sql, int i, char delimiter) {
    int n = sql.length();
    i++;
    while (i < n) {
      if (sql.charAt(i) == delimiter) {
        if (i + 1 < n && sql.charAt(i + 1) == delimiter) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }
}
