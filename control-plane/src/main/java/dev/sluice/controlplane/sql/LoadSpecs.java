package dev.sluice.controlplane.sql;

import dev.sluice.controlplane.jobs.LoadSpec;
import dev.sluice.sql.ExpressionFormatter;
import dev.sluice.sql.tree.LoadProperties;
import java.util.List;

/** Turns the load clauses of CREATE/ALTER ROUTINE LOAD into their canonical stored text. */
final class LoadSpecs {
  private LoadSpecs() {}

  static LoadSpec fromAst(LoadProperties load) {
    return new LoadSpec(
        load.columnSeparator().orElse(LoadSpec.DEFAULT_COLUMN_SEPARATOR),
        load.rowDelimiter().orElse(""),
        load.columnMappings().isEmpty()
            ? ""
            : ExpressionFormatter.formatColumnMappings(load.columnMappings()),
        load.where().map(ExpressionFormatter::format).orElse(""),
        load.partitions().map(p -> p.names()).orElse(List.of()));
  }
}
