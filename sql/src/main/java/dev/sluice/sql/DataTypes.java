package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlParser.CharacterTypeContext;
import dev.sluice.sql.parser.SluiceSqlParser.DataTypeContext;
import dev.sluice.sql.parser.SluiceSqlParser.DecimalTypeContext;
import dev.sluice.sql.parser.SluiceSqlParser.IntegerTypeContext;
import dev.sluice.sql.tree.DataType;
import dev.sluice.sql.tree.Position;
import java.util.List;
import java.util.Locale;

/** Normalises type syntax into {@link DataType} (see its documentation for the rules). */
final class DataTypes {

  /** StarRocks' widest decimal, DECIMAL128, has 38 digits. */
  private static final int MAX_DECIMAL_PRECISION = 38;

  private DataTypes() {}

  static DataType dataType(DataTypeContext context) {
    Position position = position(context);
    String name = context.getStart().getText().toUpperCase(Locale.ROOT);
    if (context instanceof IntegerTypeContext) {
      // The display width of bigint(20) only ever affected MySQL's zero padding.
      return DataType.of(name.equals("INTEGER") ? "INT" : name, position);
    }
    if (context instanceof DecimalTypeContext decimal) {
      if (decimal.precision == null) {
        return DataType.of(name, position);
      }
      int precision = Trees.intValue(decimal.precision, "DECIMAL precision");
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw error(
            decimal.precision,
            "DECIMAL precision must be between 1 and " + MAX_DECIMAL_PRECISION + ": " + precision);
      }
      if (decimal.scale == null) {
        return new DataType(name, List.of(precision), position);
      }
      int scale = Trees.intValue(decimal.scale, "DECIMAL scale");
      if (scale > precision) {
        throw error(
            decimal.scale,
            "DECIMAL scale " + scale + " must not be larger than the precision " + precision);
      }
      return new DataType(name, List.of(precision, scale), position);
    }
    if (context instanceof CharacterTypeContext character && character.length != null) {
      int length = Trees.intValue(character.length, name + " length");
      if (length < 1) {
        throw error(character.length, name + " length must be at least 1");
      }
      return new DataType(name, List.of(length), position);
    }
    return DataType.of(name, position);
  }
}
