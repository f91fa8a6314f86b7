package dev.sluice.worker.decode;

/**
 * A cursor over Avro binary data in a byte array: the primitive encodings of the Avro specification
 * (zig-zag varints, little-endian IEEE floats, length-prefixed bytes). Reads past the end or
 * impossible lengths throw {@link MalformedAvroException}, which the decoder turns into an error
 * row.
 */
final class AvroInput {

  private byte[] bytes = {};
  private int position;
  private int limit;

  /** Reads {@code bytes} from {@code offset} to its end. */
  void reset(byte[] bytes, int offset) {
    this.bytes = bytes;
    this.position = offset;
    this.limit = bytes.length;
  }

  /** Drops the reference to the last record. */
  void release() {
    bytes = new byte[0];
    position = 0;
    limit = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int position() {
    return position;
  }

  void position(int position) {
    this.position = position;
  }

  int remaining() {
    return limit - position;
  }

  /** An Avro {@code int} or {@code long}: a zig-zag encoded varint of up to ten bytes. */
  long readLong() {
    long raw = 0;
    int shift = 0;
    while (true) {
      if (position >= limit) {
        throw truncated();
      }
      byte b = bytes[position++];
      raw |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new MalformedAvroException("a variable-length integer is longer than 10 bytes");
      }
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** An Avro {@code int}: a long that must fit 32 bits. */
  int readInt() {
    long value = readLong();
    if (value != (int) value) {
      throw new MalformedAvroException("int value " + value + " does not fit 32 bits");
    }
    return (int) value;
  }

  boolean readBoolean() {
    if (position >= limit) {
      throw truncated();
    }
    byte b = bytes[position++];
    if (b != 0 && b != 1) {
      throw new MalformedAvroException("boolean byte is " + b + ", not 0 or 1");
    }
    return b == 1;
  }

  float readFloat() {
    return Float.intBitsToFloat(readFixedInt());
  }

  double readDouble() {
    long low = readFixedInt() & 0xffffffffL;
    long high = readFixedInt() & 0xffffffffL;
    return Double.longBitsToDouble(high << 32 | low);
  }

  /** The length prefix of {@code bytes} or {@code string}; the data must follow in full. */
  int readLength() {
    long length = readLong();
    if (length < 0 || length > remaining()) {
      throw new MalformedAvroException(
          "a length of " + length + " bytes does not fit the " + remaining() + " bytes left");
    }
    return (int) length;
  }

  /** Moves past {@code count} bytes. */
  void skip(long count) {
    if (count < 0 || count > remaining()) {
      throw new MalformedAvroException(
          "cannot skip " + count + " bytes with " + remaining() + " bytes left");
    }
    position += (int) count;
  }

  /** A union's branch index, checked against the number of branches. */
  int readIndex(int branches, String what) {
    long index = readLong();
    if (index < 0 || index >= branches) {
      throw new MalformedAvroException(
          what + " index " + index + " is not between 0 and " + (branches - 1));
    }
    return (int) index;
  }

  private int readFixedInt() {
    if (remaining() < 4) {
      throw truncated();
    }
    int value =
        (bytes[position] & 0xff)
            | (bytes[position + 1] & 0xff) << 8
            | (bytes[position + 2] & 0xff) << 16
            | (bytes[position + 3] & 0xff) << 24;
    position += 4;
    return value;
  }

  private static MalformedAvroException truncated() {
    return new MalformedAvroException("the message ends in the middle of a value");
  }
}
