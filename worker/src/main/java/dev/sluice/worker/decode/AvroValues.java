package dev.sluice.worker.decode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Walks Avro values driven by their writer schema without building objects: skipping a value, or
 * rendering it as JSON text (records and maps as objects, arrays as arrays, a union as the value of
 * its branch, enums as their symbol, bytes and fixed as strings of code points 0-255, as Avro's own
 * JSON encoding writes them, and NaN or infinite numbers as null). The JSON goes into a reused
 * buffer.
 */
final class AvroValues {

  /** Values nested deeper are rejected; recursive schemas could otherwise exhaust the stack. */
  static final int MAX_NESTING_DEPTH = 100;

  /** The buffer is shrunk back after a value that needed more than this. */
  private static final int RETAINED_BYTES = 1 << 20;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_TEXT = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE_TEXT = {'f', 'a', 'l', 's', 'e'};

  private byte[] json = new byte[256];
  private int length;

  /** The JSON text of the last {@link #renderJson} call is {@code [0, length())} of this. */
  byte[] json() {
    return json;
  }

  int length() {
    return length;
  }

  /** Renders the value at the cursor as JSON and moves past it. */
  void renderJson(AvroInput in, Schema schema) {
    length = 0;
    render(in, schema, 0);
  }

  /** Drops a buffer that one outsized value grew. */
  void release() {
    if (json.length > RETAINED_BYTES) {
      json = new byte[256];
    }
  }

  /** Moves the cursor past a value of {@code schema}. */
  static void skip(AvroInput in, Schema schema, int depth) {
    checkDepth(depth);
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> in.skip(1);
      case INT, LONG, ENUM -> in.readLong();
      case FLOAT -> in.skip(4);
      case DOUBLE -> in.skip(8);
      case STRING, BYTES -> in.skip(in.readLength());
      case FIXED -> in.skip(schema.getFixedSize());
      case RECORD -> {
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
          skip(in, fields.get(i).schema(), depth + 1);
        }
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        skip(in, branches.get(in.readIndex(branches.size(), "union branch")), depth + 1);
      }
      case ARRAY -> skipBlocks(in, schema.getElementType(), false, depth);
      case MAP -> skipBlocks(in, schema.getValueType(), true, depth);
    }
  }

  private static void skipBlocks(AvroInput in, Schema item, boolean keys, int depth) {
    while (true) {
      long count = in.readLong();
      if (count == 0) {
        return;
      }
      if (count < 0) {
        // A negative count is followed by the block's size in bytes, so it can be jumped over.
        in.skip(in.readLong());
        continue;
      }
      for (long i = 0; i < count; i++) {
        if (keys) {
          in.skip(in.readLength());
        }
        skip(in, item, depth + 1);
      }
    }
  }

  private void render(AvroInput in, Schema schema, int depth) {
    checkDepth(depth);
    switch (schema.getType()) {
      case NULL -> append(NULL_TEXT);
      case BOOLEAN -> append(in.readBoolean() ? TRUE_TEXT : FALSE_TEXT);
      case INT, LONG -> {
        ensure(20);
        length += RowWriter.formatLong(in.readLong(), json, length);
      }
      case FLOAT -> appendNumber(in.readFloat());
      case DOUBLE -> appendNumber(in.readDouble());
      case STRING -> {
        int size = in.readLength();
        appendUtf8String(in.bytes(), in.position(), size);
        in.skip(size);
      }
      case BYTES -> {
        int size = in.readLength();
        appendByteString(in.bytes(), in.position(), size);
        in.skip(size);
      }
      case FIXED -> {
        int size = schema.getFixedSize();
        int start = in.position();
        in.skip(size);
        appendByteString(in.bytes(), start, size);
      }
      case ENUM -> {
        List<String> symbols = schema.getEnumSymbols();
        appendString(symbols.get(in.readIndex(symbols.size(), "enum symbol")));
      }
      case RECORD -> {
        List<Schema.Field> fields = schema.getFields();
        appendByte('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            appendByte(',');
          }
          Schema.Field field = fields.get(i);
          appendString(field.name());
          appendByte(':');
          render(in, field.schema(), depth + 1);
        }
        appendByte('}');
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        render(in, branches.get(in.readIndex(branches.size(), "union branch")), depth + 1);
      }
      case ARRAY -> renderBlocks(in, schema.getElementType(), false, depth);
      case MAP -> renderBlocks(in, schema.getValueType(), true, depth);
    }
  }

  private void renderBlocks(AvroInput in, Schema item, boolean keys, int depth) {
    appendByte(keys ? '{' : '[');
    boolean first = true;
    while (true) {
      long count = in.readLong();
      if (count == 0) {
        break;
      }
      if (count < 0) {
        count = -count;
        in.readLong(); // the block's size in bytes, not needed when reading every item
      }
      for (long i = 0; i < count; i++) {
        if (!first) {
          appendByte(',');
        }
        first = false;
        if (keys) {
          int size = in.readLength();
          appendUtf8String(in.bytes(), in.position(), size);
          in.skip(size);
          appendByte(':');
        }
        render(in, item, depth + 1);
      }
    }
    appendByte(keys ? '}' : ']');
  }

  private void appendNumber(double value) {
    if (!Double.isFinite(value)) {
      append(NULL_TEXT);
      return;
    }
    // Allocates; JSON text of a record with floating-point fields is not the fast path.
    appendAscii(Double.toString(value));
  }

  private void appendNumber(float value) {
    if (!Float.isFinite(value)) {
      append(NULL_TEXT);
      return;
    }
    appendAscii(Float.toString(value));
  }

  private void appendAscii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      json[length++] = (byte) text.charAt(i);
    }
  }

  /** A Java string (a name or symbol) as a JSON string. */
  private void appendString(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    appendUtf8String(utf8, 0, utf8.length);
  }

  /** UTF-8 bytes as a JSON string, escaping quotes, backslashes and control characters. */
  private void appendUtf8String(byte[] bytes, int offset, int size) {
    ensure(size * 6 + 2);
    json[length++] = '"';
    for (int i = offset; i < offset + size; i++) {
      appendEscaped(bytes[i]);
    }
    json[length++] = '"';
  }

  /** Bytes as a JSON string of code points 0-255, each encoded in UTF-8. */
  private void appendByteString(byte[] bytes, int offset, int size) {
    ensure(size * 6 + 2);
    json[length++] = '"';
    for (int i = offset; i < offset + size; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        appendEscaped((byte) b);
      } else {
        json[length++] = (byte) (0xc0 | b >> 6);
        json[length++] = (byte) (0x80 | (b & 0x3f));
      }
    }
    json[length++] = '"';
  }

  /** One byte of a string; the caller ensured room for six. */
  private void appendEscaped(byte b) {
    if (b == '"' || b == '\\') {
      json[length++] = '\\';
      json[length++] = b;
    } else if (b >= 0 && b < 0x20) {
      json[length++] = '\\';
      json[length++] = 'u';
      json[length++] = '0';
      json[length++] = '0';
      json[length++] = HEX[b >> 4];
      json[length++] = HEX[b & 0xf];
    } else {
      json[length++] = b;
    }
  }

  private void appendByte(char c) {
    ensure(1);
    json[length++] = (byte) c;
  }

  private void append(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, json, length, text.length);
    length += text.length;
  }

  private void ensure(int more) {
    long needed = (long) length + more;
    if (needed > json.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new MalformedAvroException("the value is too large to render as JSON");
      }
      byte[] grown =
          new byte[(int) Math.max(needed, Math.min(2L * json.length, Integer.MAX_VALUE - 8))];
      System.arraycopy(json, 0, grown, 0, length);
      json = grown;
    }
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_NESTING_DEPTH) {
      throw new MalformedAvroException(
          "the value nests deeper than " + MAX_NESTING_DEPTH + " levels");
    }
  }
}
