package dev.sluice.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnTypeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOLEAN|BOOLEAN",
        "bool|BOOLEAN",
        "tinyint|TINYINT",
        "tinyint(4)|TINYINT",
        "SmallInt(6)|SMALLINT",
        "int|INT",
        "INTEGER|INT",
        "int(11)|INT",
        "bigint(20)|BIGINT",
        "  BIGINT  |BIGINT",
        "largeint|LARGEINT",
        "LARGEINT(40)|LARGEINT",
        "float|FLOAT",
        "DOUBLE|DOUBLE",
        "decimal(10,2)|DECIMAL(10,2)",
        "DECIMAL( 38 , 10 )|DECIMAL(38,10)",
        "decimal(5)|DECIMAL(5,0)",
        "decimal|DECIMAL(10,0)",
        "DECIMALV2(27,9)|DECIMAL(27,9)",
        "decimalv2|DECIMAL(10,0)",
        "DECIMAL32(9,9)|DECIMAL(9,9)",
        "decimal64(18,4)|DECIMAL(18,4)",
        "DECIMAL128(38,0)|DECIMAL(38,0)",
        "date|DATE",
        "DATETIME|DATETIME",
        "char(10)|CHAR(10)",
        "CHAR|CHAR(1)",
        "varchar(65533)|VARCHAR(65533)",
        "VARCHAR(1048576)|VARCHAR(1048576)",
        "varchar|VARCHAR(1)",
        "string|STRING",
      })
  void parsesStarRocksTypeText(String text, String canonical) {
    ColumnType type = ColumnType.parse(text);
    assertThat(type).hasToString(canonical);
    assertThat(ColumnType.parse(canonical)).isEqualTo(type);
  }

  @Test
  void parsedTypesCarryTheirParameters() {
    assertThat(ColumnType.parse("decimal(12,3)"))
        .isEqualTo(new ColumnType(TypeKind.DECIMAL, 12, 3, 0));
    assertThat(ColumnType.parse("varchar(20)"))
        .isEqualTo(new ColumnType(TypeKind.VARCHAR, 0, 0, 20));
    assertThat(ColumnType.parse("string")).isEqualTo(new ColumnType(TypeKind.STRING, 0, 0, 65_533));
    assertThat(ColumnType.parse("bigint(20)")).isEqualTo(ColumnType.of(TypeKind.BIGINT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|not a column type: ''",
        "VARCHAR(|not a column type: 'VARCHAR('",
        "int unsigned|not a column type: 'int unsigned'",
        "JSON|not a column type: 'JSON': unknown type JSON",
        "decimal(39,2)|not a column type: 'decimal(39,2)': precision must be 1 to 38: 39",
        "decimal(0)|not a column type: 'decimal(0)': precision must be 1 to 38: 0",
        "decimal(5,6)|not a column type: 'decimal(5,6)': DECIMAL scale must be 0 to the precision 5: 6",
        "DECIMAL32(10,2)|not a column type: 'DECIMAL32(10,2)': precision must be 1 to 9: 10",
        "DECIMAL64(19,2)|not a column type: 'DECIMAL64(19,2)': precision must be 1 to 18: 19",
        "DECIMAL128|not a column type: 'DECIMAL128': a precision is required",
        "DECIMALV2(28,2)|not a column type: 'DECIMALV2(28,2)': precision must be 1 to 27: 28",
        "DECIMALV2(20,10)|not a column type: 'DECIMALV2(20,10)': DECIMALV2 scale must be 0 to 9: 10",
        "bigint(20,2)|not a column type: 'bigint(20,2)': BIGINT takes at most a display width",
        "int(0)|not a column type: 'int(0)': INT display width must be 1 to 255: 0",
        "double(10)|not a column type: 'double(10)': DOUBLE takes no arguments",
        "date(3)|not a column type: 'date(3)': DATE takes no arguments",
        "char(256)|not a column type: 'char(256)': CHAR length must be 1 to 255: 256",
        "char(0)|not a column type: 'char(0)': CHAR length must be 1 to 255: 0",
        "varchar(1048577)|not a column type: 'varchar(1048577)': VARCHAR length must be 1 to 1048576: 1048577",
        "varchar(1,2)|not a column type: 'varchar(1,2)': VARCHAR takes one argument, the length",
        "string(10)|not a column type: 'string(10)': STRING takes no arguments",
      })
  void refusesWhatIsNotALoadableType(String text, String message) {
    assertThatThrownBy(() -> ColumnType.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void theConstructorChecksParameters() {
    assertThatThrownBy(() -> new ColumnType(TypeKind.INT, 5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("INT has no precision: 5");
    assertThatThrownBy(() -> new ColumnType(TypeKind.DECIMAL, 10, 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DECIMAL has no length: 4");
    assertThatThrownBy(() -> new ColumnType(null, 0, 0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind is null");
    assertThatThrownBy(() -> ColumnType.of(TypeKind.DECIMAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DECIMAL needs a precision and scale");
    assertThatThrownBy(() -> ColumnType.of(TypeKind.VARCHAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("VARCHAR needs a length");
  }

  @ParameterizedTest
  @EnumSource(TypeKind.class)
  void everyKindHasACanonicalTextThatParsesBack(TypeKind kind) {
    ColumnType type =
        switch (kind) {
          case DECIMAL -> ColumnType.decimal(20, 5);
          case CHAR -> ColumnType.charType(3);
          case VARCHAR -> ColumnType.varchar(300);
          case BOOLEAN,
                  TINYINT,
                  SMALLINT,
                  INT,
                  BIGINT,
                  LARGEINT,
                  FLOAT,
                  DOUBLE,
                  DATE,
                  DATETIME,
                  STRING ->
              ColumnType.of(kind);
        };
    assertThat(ColumnType.parse(type.toString())).isEqualTo(type);
    assertThat(ColumnType.parse(type.toString().toLowerCase(java.util.Locale.ROOT)))
        .isEqualTo(type);
  }

  @Test
  void parametersAreTheNumbersInTheTypesParentheses() {
    assertThat(ColumnType.parse("DECIMAL(10,2)").parameters()).containsExactly(10, 2);
    assertThat(ColumnType.parse("varchar(26)").parameters()).containsExactly(26);
    assertThat(ColumnType.parse("bigint(20)").parameters()).isEmpty();
    assertThat(ColumnType.parse("STRING").parameters()).isEmpty();
  }
}
