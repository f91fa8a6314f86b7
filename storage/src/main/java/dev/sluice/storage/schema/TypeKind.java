package dev.sluice.storage.schema;

/** The column types Sluice loads, named as in StarRocks. */
public enum TypeKind {
  BOOLEAN,
  TINYINT,
  SMALLINT,
  INT,
  BIGINT,
  /** 128-bit signed integer. */
  LARGEINT,
  FLOAT,
  DOUBLE,
  /** Fixed point with a precision of 1 to 38 digits and a scale of 0 to the precision. */
  DECIMAL,
  DATE,
  /** Date and time of day to the microsecond, without time zone. */
  DATETIME,
  /** Fixed-length string of 1 to 255 bytes. */
  CHAR,
  /** Variable-length string of at most 1 to 1048576 bytes. */
  VARCHAR,
  /** Variable-length string of at most 65533 bytes. */
  STRING
}
