package dev.sluice.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeMappingTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOLEAN|Bool",
        "TINYINT|Int(8, true)",
        "SMALLINT|Int(16, true)",
        "INT|Int(32, true)",
        "BIGINT|Int(64, true)",
        "LARGEINT|Decimal(38, 0, 128)",
        "FLOAT|FloatingPoint(SINGLE)",
        "DOUBLE|FloatingPoint(DOUBLE)",
        "DECIMAL(9,2)|Decimal(9, 2, 128)",
        "DECIMAL(38,10)|Decimal(38, 10, 128)",
        "DATE|Date(DAY)",
        "DATETIME|Timestamp(MICROSECOND, null)",
        "CHAR(5)|Utf8",
        "VARCHAR(10)|Utf8",
        "STRING|Utf8",
      })
  void arrowTypes(String type, String arrow) {
    assertThat(ArrowTypes.of(ColumnType.parse(type))).hasToString(arrow);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOLEAN|optional boolean c",
        "TINYINT|optional int32 c (INTEGER(8,true))",
        "SMALLINT|optional int32 c (INTEGER(16,true))",
        "INT|optional int32 c",
        "BIGINT|optional int64 c",
        "LARGEINT|optional fixed_len_byte_array(16) c (DECIMAL(38,0))",
        "FLOAT|optional float c columnorder(TYPE_DEFINED_ORDER)",
        "DOUBLE|optional double c columnorder(TYPE_DEFINED_ORDER)",
        "DECIMAL(1,0)|optional int32 c (DECIMAL(1,0))",
        "DECIMAL(9,2)|optional int32 c (DECIMAL(9,2))",
        "DECIMAL(10,2)|optional int64 c (DECIMAL(10,2))",
        "DECIMAL(18,18)|optional int64 c (DECIMAL(18,18))",
        "DECIMAL(19,0)|optional fixed_len_byte_array(9) c (DECIMAL(19,0))",
        "DECIMAL(27,9)|optional fixed_len_byte_array(12) c (DECIMAL(27,9))",
        "DECIMAL(38,10)|optional fixed_len_byte_array(16) c (DECIMAL(38,10))",
        "DATE|optional int32 c (DATE)",
        "DATETIME|optional int64 c (TIMESTAMP(MICROS,false))",
        "CHAR(5)|optional binary c (STRING)",
        "VARCHAR(10)|optional binary c (STRING)",
        "STRING|optional binary c (STRING)",
      })
  void parquetTypes(String type, String parquet) {
    assertThat(ParquetTypes.of(TableColumn.of("c", type, true))).hasToString(parquet);
  }

  @Test
  void notNullColumnsAreRequired() {
    TableSchema schema =
        TableSchema.of(
            TableColumn.of("id", "BIGINT", false),
            TableColumn.of("name", "VARCHAR(20)", true),
            TableColumn.of("amount", "DECIMAL(12,2)", false));

    MessageType parquet = schema.parquetSchema();
    assertThat(parquet)
        .isEqualTo(
            MessageTypeParser.parseMessageType(
                "message schema { required int64 id; optional binary name (STRING);"
                    + " required int64 amount (DECIMAL(12,2)); }"));

    Schema arrow = schema.arrowSchema();
    assertThat(arrow.getFields())
        .extracting(Field::getName)
        .containsExactly("id", "name", "amount");
    assertThat(arrow.getFields()).extracting(Field::isNullable).containsExactly(false, true, false);
  }

  @Test
  void decimalByteWidths() {
    assertThat(ParquetTypes.decimalBytes(1)).isEqualTo(1);
    assertThat(ParquetTypes.decimalBytes(2)).isEqualTo(1);
    assertThat(ParquetTypes.decimalBytes(3)).isEqualTo(2);
    assertThat(ParquetTypes.decimalBytes(18)).isEqualTo(8);
    assertThat(ParquetTypes.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetTypes.decimalBytes(38)).isEqualTo(16);
  }
}
