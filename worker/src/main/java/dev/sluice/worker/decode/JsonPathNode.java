package dev.sluice.worker.decode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jsonpaths of the needed columns merged into a tree, so that one streaming pass over a
 * document serves every column: the decoder descends only where some path goes and skips the rest
 * without materialising it. A node's {@link #columns()} are the source columns whose path ends
 * there. Built once per decoder and used by its thread only: {@link #name} notes the name strings
 * it is handed.
 */
final class JsonPathNode {

  private static final int[] NONE = {};

  /**
   * Nodes with at most this many names look names up by reference first; for more, comparing a name
   * that is no column's against all of them would cost more than the hash lookup.
   */
  private static final int MAX_REMEMBERED_NAMES = 8;

  private final boolean ignoreCase;
  // Name -> its index in the arrays below.
  private final Map<String, Integer> names = new HashMap<>();
  // The same names as arrays, for the case-insensitive scan without an iterator.
  private String[] nameKeys = {};
  private JsonPathNode[] nameNodes = {};
  // The String instance last found for each name (null before), while there are few names.
  private String[] seenNames = {};
  private int[] indexes = NONE;
  private JsonPathNode[] elements = {};
  private int[] columns = NONE;

  private JsonPathNode(boolean ignoreCase) {
    this.ignoreCase = ignoreCase;
  }

  /** The tree of the paths of the needed columns; {@code paths.get(i)} feeds column i. */
  static JsonPathNode of(List<JsonPath> paths, SourceColumns columns) {
    JsonPathNode root = new JsonPathNode(false);
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.column(i).needed()) {
        continue;
      }
      JsonPathNode node = root;
      for (JsonPath.Step step : paths.get(i).steps()) {
        node =
            step instanceof JsonPath.Name name
                ? node.addName(name.name())
                : node.addIndex(((JsonPath.Index) step).index());
      }
      node.addColumn(i);
    }
    return root;
  }

  /** Without jsonpaths: each needed column is the top-level member of its name, ignoring case. */
  static JsonPathNode byName(SourceColumns columns) {
    JsonPathNode root = new JsonPathNode(true);
    for (int i = 0; i < columns.size(); i++) {
      if (columns.column(i).needed()) {
        root.addName(columns.column(i).name()).addColumn(i);
      }
    }
    return root;
  }

  /** The child for member {@code name}, or null when no path goes there. */
  JsonPathNode name(String name) {
    // Jackson canonicalizes member names (without interning them), so a name comes back as the
    // same String instance record after record: comparing references finds it without hashing
    // it or comparing its characters with the key's.
    String[] seen = seenNames;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i] == name) {
        return nameNodes[i];
      }
    }
    Integer index = names.get(name);
    if (index != null) {
      return found(index, name);
    }
    if (ignoreCase) {
      // Neither this scan nor the lookup above allocates; the scan only runs for names that
      // differ in case or are not columns.
      for (int i = 0; i < nameKeys.length; i++) {
        if (nameKeys[i].equalsIgnoreCase(name)) {
          return found(i, name);
        }
      }
    }
    return null;
  }

  private JsonPathNode found(int index, String name) {
    if (seenNames.length > 0) {
      seenNames[index] = name;
    }
    return nameNodes[index];
  }

  /** The child for element {@code index}, or null when no path goes there. */
  JsonPathNode element(int index) {
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == index) {
        return elements[i];
      }
    }
    return null;
  }

  /** The source columns whose path ends here. */
  int[] columns() {
    return columns;
  }

  /** The member names that have children, in the order the paths named them. */
  String[] names() {
    return nameKeys.clone();
  }

  /** The array indexes that have children. */
  int[] indexes() {
    return indexes.clone();
  }

  boolean hasChildren() {
    return !names.isEmpty() || indexes.length > 0;
  }

  boolean hasIndexChildren() {
    return indexes.length > 0;
  }

  private JsonPathNode addName(String name) {
    Integer existing = names.get(name);
    if (existing != null) {
      return nameNodes[existing];
    }
    JsonPathNode child = new JsonPathNode(false);
    names.put(name, nameKeys.length);
    nameKeys = Arrays.copyOf(nameKeys, nameKeys.length + 1);
    nameKeys[nameKeys.length - 1] = name;
    nameNodes = Arrays.copyOf(nameNodes, nameNodes.length + 1);
    nameNodes[nameNodes.length - 1] = child;
    seenNames =
        nameKeys.length <= MAX_REMEMBERED_NAMES ? new String[nameKeys.length] : new String[0];
    return child;
  }

  private JsonPathNode addIndex(int index) {
    JsonPathNode existing = element(index);
    if (existing != null) {
      return existing;
    }
    JsonPathNode child = new JsonPathNode(false);
    indexes = Arrays.copyOf(indexes, indexes.length + 1);
    indexes[indexes.length - 1] = index;
    elements = Arrays.copyOf(elements, elements.length + 1);
    elements[elements.length - 1] = child;
    return child;
  }

  private void addColumn(int column) {
    columns = Arrays.copyOf(columns, columns.length + 1);
    columns[columns.length - 1] = column;
  }
}
