package dev.sluice.worker.decode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.util.OversizedAllocationException;
import org.apache.avro.Schema;

/**
 * Avro records in the Confluent wire format: a zero magic byte, the writer schema's id as a 4-byte
 * big-endian integer, then the record in Avro binary. Each message is read with its own writer
 * schema, fetched by id from the schema registry, so a topic whose schema evolves keeps loading:
 * columns are matched to fields by name (ignoring case) or through jsonpaths, and a column whose
 * field the writer schema lacks is NULL.
 *
 * <p>The binary is read here, driven by the schema, straight into the row writer: numbers and
 * booleans go into their vectors as they are (or as text into other column types), strings, bytes
 * and fixed as their bytes, enums as their symbol, a union as its branch's value, and a record, map
 * or array as its JSON text. Nothing is built per record.
 *
 * <p>Schemas are compiled against the jsonpaths once per schema id and decoder; an id the registry
 * does not know, or a schema that is not Avro, makes its records error rows, and is remembered for
 * the life of the decoder so a topic full of them costs one request.
 */
final class AvroDecoder implements RecordDecoder {

  /** The Confluent wire format's header: magic byte and schema id. */
  static final int HEADER_BYTES = 5;

  static final byte MAGIC_BYTE = 0;

  private static final byte[] NO_VALUE = {};

  private final AvroSchemas schemas;
  private final JsonPathNode rowTree;
  private final SourceColumns columns;
  private final RowWriter writer;
  private final int[] neededColumns;
  private final boolean[] written;
  private final AvroInput in = new AvroInput();
  private final AvroValues values = new AvroValues();

  // Compiled schemas by id; the last one is kept aside since consecutive records mostly share it.
  private final Map<Integer, Plan> plans = new HashMap<>();
  private Plan last;

  /** A writer schema compiled for this decoder, or why its records are error rows. */
  private record Plan(int id, Schema schema, AvroNode root, String failure) {}

  AvroDecoder(
      AvroSchemas schemas,
      Optional<List<JsonPath>> jsonPaths,
      boolean strict,
      SourceColumns columns) {
    this.schemas = schemas;
    this.rowTree =
        jsonPaths
            .map(paths -> JsonPathNode.of(paths, columns))
            .orElseGet(() -> JsonPathNode.byName(columns));
    this.columns = columns;
    this.writer = new RowWriter(columns, strict);
    this.written = new boolean[columns.size()];
    this.neededColumns = columns.neededIndexes();
  }

  @Override
  public int decode(byte[] value, SourceBatch batch, RejectSink rejects) {
    batch.checkColumns(columns);
    if (value == null) {
      rejects.reject(Reasons.EMPTY_MESSAGE, NO_VALUE);
      return 0;
    }
    if (value.length < HEADER_BYTES || value[0] != MAGIC_BYTE) {
      rejects.reject(notWireFormat(value), value);
      return 0;
    }
    int id =
        (value[1] & 0xff) << 24
            | (value[2] & 0xff) << 16
            | (value[3] & 0xff) << 8
            | value[4] & 0xff;
    Plan plan = plan(id);
    if (plan.failure() != null) {
      rejects.reject(plan.failure(), value);
      return 0;
    }
    int startRow = batch.rowCount();
    writer.start(batch);
    Arrays.fill(written, false);
    in.reset(value, HEADER_BYTES);
    try {
      if (plan.root() == null) {
        // No column is in this schema; the record is still checked to be well-formed.
        AvroValues.skip(in, plan.schema(), 0);
      } else {
        read(plan.root(), 0);
      }
      if (in.remaining() > 0) {
        writer.fail(
            in.remaining()
                + " bytes are left after the record: the message does not match schema id "
                + id);
      }
    } catch (MalformedAvroException e) {
      writer.fail("malformed Avro for schema id " + id + ": " + e.getMessage());
    } catch (OutOfMemoryException | OversizedAllocationException e) {
      batch.rollback(startRow);
      release();
      throw e;
    } catch (RuntimeException e) {
      // A bug must not stop the task on one record; the reason shows it.
      writer.fail(Reasons.bounded("could not decode the record: " + e));
    }
    for (int column : neededColumns) {
      if (!written[column]) {
        writer.nullValue(column);
      }
    }
    boolean appended = writer.finish();
    if (!appended) {
      rejects.reject(writer.failure(), value);
    }
    release();
    return appended ? 1 : 0;
  }

  private Plan plan(int id) {
    if (last != null && last.id() == id) {
      return last;
    }
    Plan plan = plans.get(id);
    if (plan == null) {
      plan = compile(id);
      plans.put(id, plan);
    }
    last = plan;
    return plan;
  }

  /** Compiles schema {@code id}; a registry that cannot answer is thrown, failing the task. */
  private Plan compile(int id) {
    Schema schema;
    try {
      schema = schemas.find(id);
    } catch (UnknownSchemaException e) {
      return new Plan(id, null, null, e.getMessage());
    }
    return new Plan(id, schema, AvroNode.compile(schema, rowTree), null);
  }

  /** Reads the value of {@code node} at the cursor into its columns and those of its children. */
  private void read(AvroNode node, int depth) {
    if (depth > AvroValues.MAX_NESTING_DEPTH) {
      throw new MalformedAvroException(
          "the value nests deeper than " + AvroValues.MAX_NESTING_DEPTH + " levels");
    }
    int[] targets = node.columns;
    switch (node.type) {
      case NULL -> {
        for (int column : targets) {
          written[column] = true;
          writer.nullValue(column);
        }
      }
      case BOOLEAN -> {
        boolean value = in.readBoolean();
        for (int column : targets) {
          written[column] = true;
          writer.booleanValue(column, value);
        }
      }
      case INT, LONG -> {
        long value = node.type == Schema.Type.INT ? in.readInt() : in.readLong();
        for (int column : targets) {
          written[column] = true;
          writer.longValue(column, value);
        }
      }
      case FLOAT -> {
        // Widened exactly; FLOAT columns narrow it back to the same float.
        double value = in.readFloat();
        for (int column : targets) {
          written[column] = true;
          writer.doubleValue(column, value);
        }
      }
      case DOUBLE -> {
        double value = in.readDouble();
        for (int column : targets) {
          written[column] = true;
          writer.doubleValue(column, value);
        }
      }
      case STRING, BYTES -> {
        int length = in.readLength();
        writeBytes(targets, in.bytes(), in.position(), length);
        in.skip(length);
      }
      case FIXED -> {
        int length = node.schema.getFixedSize();
        int start = in.position();
        in.skip(length);
        writeBytes(targets, in.bytes(), start, length);
      }
      case ENUM -> {
        byte[] symbol = node.symbols[in.readIndex(node.symbols.length, "enum symbol")];
        writeBytes(targets, symbol, 0, symbol.length);
      }
      case UNION -> {
        int branch = in.readIndex(node.children.length, "union branch");
        AvroNode child = node.children[branch];
        if (child == null) {
          AvroValues.skip(in, node.schema.getTypes().get(branch), depth + 1);
        } else {
          read(child, depth + 1);
        }
      }
      case RECORD -> {
        int start = in.position();
        if (targets.length > 0) {
          writeJson(node);
          if (!node.hasChildren) {
            return;
          }
          in.position(start);
        }
        AvroNode[] fields = node.children;
        for (int i = 0; i < fields.length; i++) {
          if (fields[i] == null) {
            AvroValues.skip(in, node.fieldSchemas[i], depth + 1);
          } else {
            read(fields[i], depth + 1);
          }
        }
      }
      case ARRAY, MAP -> {
        int start = in.position();
        if (targets.length > 0) {
          writeJson(node);
        }
        if (node.hasChildren) {
          in.position(start);
          readEntries(node, depth);
        }
      }
    }
  }

  /** Walks the blocks of an array or map, reading the entries paths go into. */
  private void readEntries(AvroNode node, int depth) {
    boolean map = node.type == Schema.Type.MAP;
    Schema item = map ? node.schema.getValueType() : node.schema.getElementType();
    long index = 0;
    while (true) {
      long count = in.readLong();
      if (count == 0) {
        return;
      }
      if (count < 0) {
        count = -count;
        in.readLong(); // the block's size in bytes
      }
      for (long i = 0; i < count; i++, index++) {
        AvroNode child;
        if (map) {
          int length = in.readLength();
          child = node.key(in.bytes(), in.position(), length);
          in.skip(length);
        } else {
          child = node.element(index);
        }
        if (child == null) {
          AvroValues.skip(in, item, depth + 1);
        } else {
          read(child, depth + 1);
        }
      }
    }
  }

  private void writeJson(AvroNode node) {
    values.renderJson(in, node.schema);
    writeBytes(node.columns, values.json(), 0, values.length());
  }

  private void writeBytes(int[] targets, byte[] bytes, int offset, int length) {
    for (int column : targets) {
      written[column] = true;
      writer.value(column, bytes, offset, length);
    }
  }

  private void release() {
    in.release();
    values.release();
  }

  private static String notWireFormat(byte[] value) {
    String found =
        value.length == 0
            ? "an empty message"
            : value.length < HEADER_BYTES
                ? "only " + value.length + " bytes"
                : "first byte " + value[0];
    return "not in the Confluent Avro wire format (magic byte 0, 4-byte schema id, Avro binary):"
        + " found "
        + found;
  }
}
