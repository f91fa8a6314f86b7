package dev.sluice.controlplane.query;

import dev.sluice.sql.ExpressionFormatter;
import dev.sluice.sql.tree.AllColumns;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.SelectItem;
import dev.sluice.sql.tree.SingleColumn;
import dev.sluice.sql.tree.SortItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a parsed SELECT in DuckDB's dialect. The expression text is the grammar's own formatter's;
 * only identifier quoting differs (StarRocks' backticks, DuckDB's double quotes).
 */
final class DuckDbSql {
  private DuckDbSql() {}

  /** The query over {@code relation}, the quoted name of the view standing for the table. */
  static String select(Select select, String relation) {
    StringBuilder sql = new StringBuilder("SELECT ");
    if (select.distinct()) {
      sql.append("DISTINCT ");
    }
    List<String> items = new ArrayList<>();
    for (SelectItem item : select.selectItems()) {
      if (item instanceof AllColumns all) {
        items.add(all.qualifier().map(q -> quote(q) + ".*").orElse("*"));
      } else {
        SingleColumn column = (SingleColumn) item;
        items.add(
            expression(column.expression())
                + column.alias().map(a -> " AS " + quote(a)).orElse(""));
      }
    }
    sql.append(String.join(", ", items)).append(" FROM ").append(relation);
    select.from().alias().ifPresent(alias -> sql.append(" AS ").append(quote(alias)));
    select.where().ifPresent(where -> sql.append(" WHERE ").append(expression(where)));
    if (!select.groupBy().isEmpty()) {
      sql.append(" GROUP BY ").append(join(select.groupBy()));
    }
    select.having().ifPresent(having -> sql.append(" HAVING ").append(expression(having)));
    if (!select.orderBy().isEmpty()) {
      List<String> order = new ArrayList<>();
      for (SortItem item : select.orderBy()) {
        order.add(expression(item.expression()) + (item.ascending() ? " ASC" : " DESC"));
      }
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    select
        .limit()
        .ifPresent(
            limit -> {
              sql.append(" LIMIT ").append(limit.count());
              if (limit.offset() > 0) {
                sql.append(" OFFSET ").append(limit.offset());
              }
            });
    return sql.toString();
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String join(List<Expression> expressions) {
    List<String> texts = new ArrayList<>();
    expressions.forEach(e -> texts.add(expression(e)));
    return String.join(", ", texts);
  }

  /**
   * The expression in DuckDB's dialect: backtick-quoted names become double-quoted ones, and
   * StarRocks strings with backslash escapes become standard SQL strings, where only a doubled
   * quote is special. Swapping quote characters alone would let a {@code "} in a name or a {@code
   * \'} in a string end the token early and the rest be read as SQL.
   */
  static String expression(Expression expression) {
    String text = ExpressionFormatter.format(expression);
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        i = copyString(text, i, out);
      } else if (c == '`') {
        i = copyName(text, i, out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Copies the string literal at {@code start}; returns the index after it. */
  private static int copyString(String text, int start, StringBuilder out) {
    out.append('\'');
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        out.append('\'');
        return i + 1;
      }
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        i++;
        continue;
      }
      char escaped = text.charAt(i + 1);
      switch (escaped) {
        case '\'' -> out.append("''");
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case '0' -> out.append('\0');
        case 'Z' -> out.append('\032');
        // LIKE escapes stay as written.
        case '%', '_' -> out.append('\\').append(escaped);
        default -> out.append(escaped);
      }
      i += 2;
    }
    throw new IllegalStateException("unterminated string in formatted expression: " + text);
  }

  /** Copies the backtick-quoted name at {@code start} as a double-quoted one. */
  private static int copyName(String text, int start, StringBuilder out) {
    StringBuilder name = new StringBuilder();
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '`') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
          name.append('`');
          i += 2;
          continue;
        }
        out.append(quote(name.toString()));
        return i + 1;
      }
      name.append(c);
      i++;
    }
    throw new IllegalStateException("unterminated name in formatted expression: " + text);
  }
}
