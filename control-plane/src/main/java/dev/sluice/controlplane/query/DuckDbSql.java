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

  /** The expression with backtick-quoted identifiers turned into double-quoted ones. */
  static String expression(Expression expression) {
    String text = ExpressionFormatter.format(expression);
    StringBuilder out = new StringBuilder(text.length());
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        inString = !inString;
        out.append(c);
      } else if (c == '\\' && inString && i + 1 < text.length()) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '`' && !inString) {
        out.append('"');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
