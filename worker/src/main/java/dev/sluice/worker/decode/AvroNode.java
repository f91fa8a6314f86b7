package dev.sluice.worker.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A writer schema compiled against the jsonpaths tree: one node per value that a column reads or
 * that leads to one. Everything else is absent (null) and skipped by its schema. Compiled once per
 * schema id and decoder, so the per-record walk does no name lookups.
 */
final class AvroNode {

  private static final int[] NONE = {};

  /** The writer schema of this value. */
  final Schema schema;

  final Schema.Type type;

  /**
   * Source columns that take this value as a whole. A union's columns are given to each branch, so
   * union nodes have none.
   */
  final int[] columns;

  /**
   * RECORD: per field, UNION: per branch, ARRAY: per entry of {@link #indexes}, MAP: per entry of
   * {@link #keys}; null where nothing is read. Null for other types.
   */
  final AvroNode[] children;

  /** Whether some child is read, so the value must be walked rather than only skipped. */
  final boolean hasChildren;

  /** RECORD: the schema of each field, to skip those without a child. */
  final Schema[] fieldSchemas;

  /** ARRAY: the element indexes that paths go into. */
  final int[] indexes;

  /** MAP: the keys that paths go into, as UTF-8. */
  final byte[][] keys;

  /** ENUM: the symbols as UTF-8. */
  final byte[][] symbols;

  private AvroNode(
      Schema schema,
      int[] columns,
      AvroNode[] children,
      Schema[] fieldSchemas,
      int[] indexes,
      byte[][] keys) {
    this.schema = schema;
    this.type = schema.getType();
    this.columns = columns;
    this.children = children;
    this.hasChildren = children != null && Arrays.stream(children).anyMatch(c -> c != null);
    this.fieldSchemas = fieldSchemas;
    this.indexes = indexes;
    this.keys = keys;
    this.symbols = type == Schema.Type.ENUM ? utf8(schema.getEnumSymbols()) : null;
  }

  /**
   * The node reading the columns of {@code path} from values of {@code schema}, or null when no
   * column of {@code path} can be found in such values.
   */
  static AvroNode compile(Schema schema, JsonPathNode path) {
    return compile(schema, path, 0);
  }

  private static AvroNode compile(Schema schema, JsonPathNode path, int depth) {
    if (path == null || depth > AvroValues.MAX_NESTING_DEPTH) {
      return null;
    }
    int[] columns = path.columns();
    switch (schema.getType()) {
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        AvroNode[] children = new AvroNode[branches.size()];
        boolean any = false;
        for (int i = 0; i < children.length; i++) {
          children[i] = compile(branches.get(i), path, depth + 1);
          any |= children[i] != null;
        }
        return any ? new AvroNode(schema, NONE, children, null, null, null) : null;
      }
      case RECORD -> {
        List<Schema.Field> fields = schema.getFields();
        AvroNode[] children = new AvroNode[fields.size()];
        Schema[] fieldSchemas = new Schema[fields.size()];
        boolean any = columns.length > 0;
        for (int i = 0; i < children.length; i++) {
          Schema.Field field = fields.get(i);
          fieldSchemas[i] = field.schema();
          children[i] = compile(field.schema(), path.name(field.name()), depth + 1);
          any |= children[i] != null;
        }
        return any ? new AvroNode(schema, columns, children, fieldSchemas, null, null) : null;
      }
      case ARRAY -> {
        int[] indexes = path.indexes();
        AvroNode[] children = new AvroNode[indexes.length];
        boolean any = columns.length > 0;
        for (int i = 0; i < indexes.length; i++) {
          children[i] = compile(schema.getElementType(), path.element(indexes[i]), depth + 1);
          any |= children[i] != null;
        }
        return any ? new AvroNode(schema, columns, children, null, indexes, null) : null;
      }
      case MAP -> {
        String[] names = path.names();
        AvroNode[] children = new AvroNode[names.length];
        byte[][] keys = new byte[names.length][];
        boolean any = columns.length > 0;
        for (int i = 0; i < names.length; i++) {
          keys[i] = names[i].getBytes(StandardCharsets.UTF_8);
          children[i] = compile(schema.getValueType(), path.name(names[i]), depth + 1);
          any |= children[i] != null;
        }
        return any ? new AvroNode(schema, columns, children, null, null, keys) : null;
      }
      case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING, BYTES, FIXED, ENUM -> {
        return columns.length > 0 ? new AvroNode(schema, columns, null, null, null, null) : null;
      }
    }
    throw new IllegalStateException("unknown Avro type " + schema.getType());
  }

  /** The child for array element {@code index}, or null. */
  AvroNode element(long index) {
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == index) {
        return children[i];
      }
    }
    return null;
  }

  /** The child for the map key in {@code [offset, offset + length)} of {@code bytes}, or null. */
  AvroNode key(byte[] bytes, int offset, int length) {
    for (int i = 0; i < keys.length; i++) {
      if (Arrays.equals(keys[i], 0, keys[i].length, bytes, offset, offset + length)) {
        return children[i];
      }
    }
    return null;
  }

  private static byte[][] utf8(List<String> texts) {
    byte[][] bytes = new byte[texts.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
