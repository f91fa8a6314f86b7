package dev.sluice.controlplane.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;

/** The {@code jsonpaths} property: a JSON array of paths such as {@code "$.a.b"}. */
final class JsonPaths {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonPaths() {}

  /** Validates the property and returns how many paths it lists. */
  static int count(String jsonpaths) {
    JsonNode node;
    try {
      node = MAPPER.readTree(jsonpaths);
    } catch (JsonProcessingException e) {
      throw invalid("jsonpaths is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw invalid("jsonpaths must be a non-empty JSON array of paths, e.g. [\"$.a\",\"$.b\"]");
    }
    for (JsonNode path : node) {
      if (!path.isTextual() || !path.asText().startsWith("$")) {
        throw invalid("jsonpaths: " + path + " is not a path starting with $");
      }
    }
    return node.size();
  }

  private static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
