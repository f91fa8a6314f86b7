package dev.sluice.controlplane.grpc;

import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.Row;
import dev.sluice.api.admin.Value;
import dev.sluice.controlplane.sql.ResultTable;
import java.util.List;

/** {@link ResultTable} to its protobuf form. */
final class ResultSets {
  private ResultSets() {}

  static ResultSet toProto(ResultTable table) {
    ResultSet.Builder result =
        ResultSet.newBuilder().addAllColumns(table.columns()).setMessage(table.message());
    for (List<String> values : table.rows()) {
      Row.Builder row = Row.newBuilder();
      for (String value : values) {
        row.addValues(
            value == null ? Value.getDefaultInstance() : Value.newBuilder().setText(value).build());
      }
      result.addRows(row);
    }
    return result.build();
  }
}
