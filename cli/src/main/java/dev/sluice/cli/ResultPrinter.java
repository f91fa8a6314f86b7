package dev.sluice.cli;

import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.Row;
import dev.sluice.api.admin.Value;
import java.io.PrintStream;
import java.util.List;

/** Prints results the way the mysql client does: a boxed table, or {@code \G}'s vertical form. */
final class ResultPrinter {
  private final PrintStream out;

  ResultPrinter(PrintStream out) {
    this.out = out;
  }

  void print(ResultSet result, double seconds) {
    String time = String.format("(%.2f sec)", seconds);
    if (result.getColumnsCount() == 0) {
      out.println((result.getMessage().isEmpty() ? "Query OK" : result.getMessage()) + " " + time);
      out.println();
      return;
    }
    int rows = result.getRowsCount();
    if (rows == 0) {
      out.println("Empty set " + time);
    } else {
      if (result.getVertical()) {
        printVertical(result);
      } else {
        printTable(result);
      }
      out.println(rows + (rows == 1 ? " row" : " rows") + " in set " + time);
    }
    out.println();
  }

  private void printTable(ResultSet result) {
    List<String> columns = result.getColumnsList();
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = displayWidth(columns.get(c));
    }
    for (Row row : result.getRowsList()) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], displayWidth(text(row.getValues(c))));
      }
    }
    String border = border(widths);
    out.println(border);
    out.println(line(columns, widths));
    out.println(border);
    for (Row row : result.getRowsList()) {
      out.println(line(row.getValuesList().stream().map(ResultPrinter::text).toList(), widths));
    }
    out.println(border);
  }

  private void printVertical(ResultSet result) {
    List<String> columns = result.getColumnsList();
    int width = columns.stream().mapToInt(String::length).max().orElse(0);
    int n = 1;
    for (Row row : result.getRowsList()) {
      out.println("*************************** " + n++ + ". row ***************************");
      for (int c = 0; c < columns.size(); c++) {
        String name = columns.get(c);
        out.println(" ".repeat(width - name.length()) + name + ": " + text(row.getValues(c)));
      }
    }
  }

  private static String text(Value value) {
    return value.hasText() ? value.getText() : "NULL";
  }

  private static String border(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.toString();
  }

  private static String line(List<String> values, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < widths.length; c++) {
      String value = values.get(c);
      line.append(' ')
          .append(value)
          .append(" ".repeat(widths[c] - displayWidth(value)))
          .append(" |");
    }
    return line.toString();
  }

  private static int displayWidth(String text) {
    return text.codePointCount(0, text.length());
  }
}
