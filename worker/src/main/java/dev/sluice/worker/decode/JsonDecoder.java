package dev.sluice.worker.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.util.OversizedAllocationException;

/**
 * JSON records read with Jackson's streaming parser: one object per record, or with {@code
 * strip_outer_array} an array of objects giving one row each; {@code json_root} first selects the
 * value to read. Columns take the values at their jsonpaths, or without jsonpaths the top-level
 * member of their name (ignoring case); what is missing is NULL.
 *
 * <p>Values are converted from their JSON text: numbers from the number as written (so {@code 875}
 * loads into DOUBLE and big decimals keep every digit), booleans as {@code true}/{@code false} (or
 * {@code 1}/{@code 0} into numeric columns), and an object or array as its JSON text as written,
 * which only string columns accept.
 *
 * <p>A document that is not valid JSON, nests deeper than {@value #MAX_NESTING_DEPTH}, or has a
 * string longer than any needed column can hold fails as a whole: one error row, and rows it had
 * appended are rolled back.
 */
final class JsonDecoder implements RecordDecoder {

  /** Deeper documents are rejected before they cost stack or memory. */
  static final int MAX_NESTING_DEPTH = 100;

  /**
   * The least string length the parser accepts, even when only short columns are needed, so that a
   * long string in, say, a DOUBLE column is an ordinary conversion failure of its row (NULL when
   * not strict) rather than a failure of the whole record.
   */
  private static final int MIN_STRING_LENGTH = ColumnType.STRING_LENGTH;

  /** The scratch buffer is shrunk back after a record that needed more than this. */
  private static final int RETAINED_SCRATCH_BYTES = 1 << 20;

  /** An integer written with at most this many chars (sign included) fits in a long. */
  private static final int MAX_LONG_CHARS = 18;

  private static final byte[] NO_VALUE = {};
  private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE_TEXT = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] ONE_TEXT = {'1'};
  private static final byte[] ZERO_TEXT = {'0'};

  private final JsonFactory factory;
  private final JsonPathNode rowTree;
  private final JsonPath.Step[] root;
  private final String rootText;
  private final boolean stripOuterArray;
  private final boolean rowsMayBeArrays;
  private final boolean rowsMayBeScalars;
  private final SourceColumns columns;
  private final RowWriter writer;
  private final int[] neededColumns;
  private final boolean[] numeric;
  private final boolean[] integral; // TINYINT to BIGINT

  // Per row: which needed columns got a value; the rest become NULL.
  private final boolean[] written;

  // Per record; held in fields so that the recursive walk needs no parameters for them.
  private final List<String> pendingRejects = new ArrayList<>();
  private byte[] scratch = new byte[256];
  private byte[] input;
  private SourceBatch batch;
  private int appended;
  private String recordFailure;

  JsonDecoder(
      Optional<List<JsonPath>> jsonPaths,
      Optional<JsonPath> jsonRoot,
      boolean stripOuterArray,
      boolean strict,
      SourceColumns columns) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(maxStringLength(columns))
                    .build())
            // Interning would let random member names grow the JVM's string table.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    this.rowTree =
        jsonPaths
            .map(paths -> JsonPathNode.of(paths, columns))
            .orElseGet(() -> JsonPathNode.byName(columns));
    this.root =
        jsonRoot
            .map(path -> path.steps().toArray(JsonPath.Step[]::new))
            .orElse(new JsonPath.Step[0]);
    this.rootText = jsonRoot.map(JsonPath::text).orElse("$");
    this.stripOuterArray = stripOuterArray;
    this.rowsMayBeArrays = rowTree.hasIndexChildren();
    this.rowsMayBeScalars = rowTree.columns().length > 0;
    this.columns = columns;
    this.writer = new RowWriter(columns, strict);
    this.numeric = new boolean[columns.size()];
    this.integral = new boolean[columns.size()];
    this.written = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      TypeKind kind = columns.column(i).type().kind();
      numeric[i] = isNumeric(kind);
      integral[i] = isIntegral(kind);
    }
    this.neededColumns = columns.neededIndexes();
  }

  @Override
  public int decode(byte[] value, SourceBatch batch, RejectSink rejects) {
    batch.checkColumns(columns);
    if (value == null) {
      rejects.reject(Reasons.EMPTY_MESSAGE, NO_VALUE);
      return 0;
    }
    int startRow = batch.rowCount();
    this.input = value;
    this.batch = batch;
    this.appended = 0;
    this.recordFailure = null;
    pendingRejects.clear();
    try {
      readRecord();
    } catch (StreamConstraintsException e) {
      recordFailure = "JSON exceeds a limit: " + e.getOriginalMessage();
    } catch (JsonProcessingException e) {
      recordFailure = "malformed JSON: " + e.getOriginalMessage() + at(e.getLocation());
    } catch (IOException e) {
      recordFailure = "malformed JSON: " + e.getMessage();
    } catch (OutOfMemoryException | OversizedAllocationException e) {
      batch.rollback(startRow);
      release();
      throw e;
    } catch (RuntimeException e) {
      // A bug or a parser limit must not stop the task on one record; the reason shows it.
      recordFailure = "could not decode the record: " + e;
    }
    int rows = appended;
    if (recordFailure != null) {
      batch.rollback(startRow);
      rejects.reject(Reasons.bounded(recordFailure), value);
      rows = 0;
    } else {
      for (int i = 0; i < pendingRejects.size(); i++) {
        rejects.reject(pendingRejects.get(i), value);
      }
    }
    release();
    return rows;
  }

  private void readRecord() throws IOException {
    try (JsonParser parser = factory.createParser(input)) {
      if (parser.nextToken() == null) {
        recordFailure = Reasons.EMPTY_MESSAGE;
        return;
      }
      if (!readRoot(parser, 0) && recordFailure == null) {
        recordFailure = "json_root '" + rootText + "' is not in the message";
        return;
      }
      if (recordFailure == null && parser.nextToken() != null) {
        recordFailure = "malformed JSON: more than one JSON value in the message";
      }
    }
  }

  /**
   * Descends along json_root from the value at the current token, skipping everything else, and
   * reads the document there; false when the path does not exist.
   */
  private boolean readRoot(JsonParser parser, int depth) throws IOException {
    if (depth == root.length) {
      readDocument(parser);
      return true;
    }
    JsonPath.Step step = root[depth];
    JsonToken token = parser.currentToken();
    boolean matched = false;
    boolean found = false;
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean match =
            !matched
                && step instanceof JsonPath.Name name
                && name.name().equals(parser.currentName());
        parser.nextToken();
        if (match) {
          matched = true;
          found = readRoot(parser, depth + 1);
        } else {
          parser.skipChildren();
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (next(parser) != JsonToken.END_ARRAY) {
        boolean match = !matched && step instanceof JsonPath.Index at && at.index() == index;
        index++;
        if (match) {
          matched = true;
          found = readRoot(parser, depth + 1);
        } else {
          parser.skipChildren();
        }
      }
    }
    return found;
  }

  private void readDocument(JsonParser parser) throws IOException {
    if (!stripOuterArray) {
      readRow(parser, 0);
      return;
    }
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_ARRAY) {
      recordFailure =
          "strip_outer_array is set but the "
              + (root.length == 0 ? "message" : "value at json_root '" + rootText + "'")
              + " is "
              + describe(token)
              + ", not an array";
      parser.skipChildren();
      return;
    }
    int element = 0;
    while (next(parser) != JsonToken.END_ARRAY) {
      readRow(parser, ++element);
    }
  }

  /** Reads the row at the current token; {@code element} counts from 1 in an outer array. */
  private void readRow(JsonParser parser, int element) throws IOException {
    writer.start(batch);
    Arrays.fill(written, false);
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT
        || (token == JsonToken.START_ARRAY && rowsMayBeArrays)
        || rowsMayBeScalars) {
      readValue(parser, rowTree);
    } else {
      writer.fail(
          "expected a JSON object but found "
              + describe(token)
              + (token == JsonToken.START_ARRAY && !stripOuterArray
                  ? " (set strip_outer_array to load an array of objects)"
                  : ""));
      parser.skipChildren();
    }
    for (int column : neededColumns) {
      if (!written[column]) {
        writer.nullValue(column);
      }
    }
    if (writer.finish()) {
      appended++;
    } else {
      pendingRejects.add(
          element == 0
              ? writer.failure()
              : "element " + element + " of the outer array: " + writer.failure());
    }
  }

  /** Writes the value at the current token into the columns of {@code node} and its children. */
  private void readValue(JsonParser parser, JsonPathNode node) throws IOException {
    JsonToken token = parser.currentToken();
    int[] columns = node.columns();
    boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
    if (columns.length == 0) {
      if (container) {
        readChildren(parser, node);
      }
      return;
    }
    if (!container) {
      writeScalar(parser, token, columns);
      return;
    }
    // Offsets are relative to the array the parser reads, which is the whole record value.
    int start = (int) parser.currentTokenLocation().getByteOffset();
    readChildren(parser, node);
    int end = (int) parser.currentLocation().getByteOffset();
    for (int column : columns) {
      written[column] = true;
      writer.value(column, input, start, end - start);
    }
  }

  /** Walks the members or elements of the container at the current token to its end. */
  private void readChildren(JsonParser parser, JsonPathNode node) throws IOException {
    if (!node.hasChildren()) {
      parser.skipChildren();
      return;
    }
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        JsonPathNode child = node.name(parser.currentName());
        parser.nextToken();
        if (child == null) {
          parser.skipChildren();
        } else {
          readValue(parser, child);
        }
      }
    } else {
      int index = 0;
      while (next(parser) != JsonToken.END_ARRAY) {
        JsonPathNode child = node.element(index++);
        if (child == null) {
          parser.skipChildren();
        } else {
          readValue(parser, child);
        }
      }
    }
  }

  private void writeScalar(JsonParser parser, JsonToken token, int[] columns) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      for (int column : columns) {
        written[column] = true;
        writer.nullValue(column);
      }
    } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      boolean value = token == JsonToken.VALUE_TRUE;
      for (int column : columns) {
        written[column] = true;
        byte[] text =
            numeric[column] ? (value ? ONE_TEXT : ZERO_TEXT) : (value ? TRUE_TEXT : FALSE_TEXT);
        writer.value(column, text, 0, text.length);
      }
    } else if (token == JsonToken.VALUE_NUMBER_INT
        && columns.length == 1
        && integral[columns[0]]
        && parser.getTextLength() <= MAX_LONG_CHARS) {
      // The parser reads the digits it has already scanned, sparing the UTF-8 copy and the text
      // conversion. JSON writes integers canonically (no '+', no leading zeros), so the digits a
      // value out of a narrow column's range is reported with are the ones in the message.
      written[columns[0]] = true;
      writer.longValue(columns[0], parser.getLongValue());
    } else {
      // Strings and numbers: the parser's own char buffer holds the text (for numbers, as
      // written), so encoding it into the scratch array is the only copy.
      char[] chars = parser.getTextCharacters();
      int length = parser.getTextLength();
      if (scratch.length < 3 * length) {
        scratch = new byte[Math.max(3 * length, 2 * scratch.length)];
      }
      int bytes = Utf8.encode(chars, parser.getTextOffset(), length, scratch);
      for (int column : columns) {
        written[column] = true;
        writer.value(column, scratch, 0, bytes);
      }
    }
  }

  /** The next token, failing on the end of input where a value or end marker must follow. */
  private static JsonToken next(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    return token;
  }

  private void release() {
    input = null;
    batch = null;
    pendingRejects.clear();
    if (scratch.length > RETAINED_SCRATCH_BYTES) {
      scratch = new byte[256];
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getByteOffset() < 0) {
      return "";
    }
    return " at byte " + location.getByteOffset();
  }

  private static String describe(JsonToken token) {
    if (token == JsonToken.START_OBJECT) {
      return "an object";
    } else if (token == JsonToken.START_ARRAY) {
      return "an array";
    } else if (token == JsonToken.VALUE_STRING) {
      return "a string";
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return "a number";
    } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return "a boolean";
    } else if (token == JsonToken.VALUE_NULL) {
      return "null";
    }
    return String.valueOf(token);
  }

  /**
   * Jackson's limit on a string's length, in chars: the longest needed string column (at least
   * {@link #MIN_STRING_LENGTH}), since each char is at least one byte and lengths are in bytes. A
   * longer string could not load anyway, and the limit stops the parser before it buffers megabytes
   * of it.
   */
  private static int maxStringLength(SourceColumns columns) {
    int max = MIN_STRING_LENGTH;
    for (SourceColumn column : columns.columns()) {
      if (column.needed()) {
        max = Math.max(max, column.type().length());
      }
    }
    return max;
  }

  private static boolean isIntegral(TypeKind kind) {
    return switch (kind) {
      case TINYINT, SMALLINT, INT, BIGINT -> true;
      case LARGEINT, FLOAT, DOUBLE, DECIMAL, BOOLEAN, DATE, DATETIME, CHAR, VARCHAR, STRING ->
          false;
    };
  }

  private static boolean isNumeric(TypeKind kind) {
    return switch (kind) {
      case TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL -> true;
      case BOOLEAN, DATE, DATETIME, CHAR, VARCHAR, STRING -> false;
    };
  }
}
