package dev.sluice.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.Writer;
import java.util.Map;
import org.jboss.logmanager.formatters.StructuredFormatter;

/**
 * jboss-logmanager's structured record layout written with Jackson. The built-in {@code
 * JsonFormatter} needs Jakarta JSON on the class loader of jboss-logmanager, which in a Quarkus
 * application is the system class loader, where no Jakarta JSON is: this formatter is loaded by the
 * application's class loader and uses the Jackson the service already has.
 */
final class JsonLineFormatter extends StructuredFormatter {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  JsonLineFormatter() {
    // One line per record, and no per-record stack walk to find the caller.
    setPrintDetails(false);
    setRecordDelimiter("\n");
  }

  @Override
  protected Generator createGenerator(Writer writer) throws Exception {
    return new JacksonGenerator(FACTORY.createGenerator(writer));
  }

  private record JacksonGenerator(JsonGenerator json) implements Generator {
    @Override
    public Generator begin() throws Exception {
      json.writeStartObject();
      return this;
    }

    @Override
    public Generator add(String key, int value) throws Exception {
      json.writeNumberField(key, value);
      return this;
    }

    @Override
    public Generator add(String key, long value) throws Exception {
      json.writeNumberField(key, value);
      return this;
    }

    @Override
    public Generator add(String key, Map<String, ?> value) throws Exception {
      json.writeObjectFieldStart(key);
      if (value != null) {
        for (Map.Entry<String, ?> entry : value.entrySet()) {
          add(entry.getKey(), entry.getValue() == null ? null : entry.getValue().toString());
        }
      }
      json.writeEndObject();
      return this;
    }

    @Override
    public Generator add(String key, String value) throws Exception {
      if (value == null) {
        json.writeNullField(key);
      } else {
        json.writeStringField(key, value);
      }
      return this;
    }

    @Override
    public Generator startObject(String key) throws Exception {
      // Objects inside arrays (stack frames, suppressed exceptions) have no key.
      if (key == null) {
        json.writeStartObject();
      } else {
        json.writeObjectFieldStart(key);
      }
      return this;
    }

    @Override
    public Generator endObject() throws Exception {
      json.writeEndObject();
      return this;
    }

    @Override
    public Generator startArray(String key) throws Exception {
      if (key == null) {
        json.writeStartArray();
      } else {
        json.writeArrayFieldStart(key);
      }
      return this;
    }

    @Override
    public Generator endArray() throws Exception {
      json.writeEndArray();
      return this;
    }

    @Override
    public Generator end() throws Exception {
      json.writeEndObject();
      json.flush();
      return this;
    }
  }
}
