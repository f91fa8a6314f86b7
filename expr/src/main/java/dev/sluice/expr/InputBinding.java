package dev.sluice.expr;

import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Finds the caller's vectors by name for each batch: the exact name first, then ignoring case (the
 * worker names a mapped field's vector after the table column, which may differ in case from the
 * COLUMNS list). Only names that something reads are looked up.
 */
final class InputBinding {

  private final String[] names;
  private final boolean[] needed;
  private final FieldVector[] vectors;

  InputBinding(List<String> names, List<Boolean> needed) {
    this.names = names.toArray(new String[0]);
    this.needed = new boolean[names.size()];
    for (int i = 0; i < this.needed.length; i++) {
      this.needed[i] = needed.get(i);
    }
    this.vectors = new FieldVector[names.size()];
  }

  /** The vectors by input index (null where not needed), valid until the next bind. */
  FieldVector[] bind(List<? extends FieldVector> given, int rowCount) {
    for (int i = 0; i < names.length; i++) {
      vectors[i] = needed[i] ? find(given, names[i], rowCount) : null;
    }
    return vectors;
  }

  private static FieldVector find(List<? extends FieldVector> given, String name, int rowCount) {
    FieldVector match = null;
    for (FieldVector vector : given) {
      String vectorName = vector.getName();
      if (vectorName.equals(name)) {
        match = vector;
        break;
      }
      if (match == null && vectorName.equalsIgnoreCase(name)) {
        match = vector;
      }
    }
    if (match == null) {
      throw new IllegalArgumentException(
          "the batch has no vector named '"
              + name
              + "' (has: "
              + given.stream()
                  .map(FieldVector::getName)
                  .collect(java.util.stream.Collectors.joining(", "))
              + ")");
    }
    if (match.getValueCount() < rowCount) {
      throw new IllegalArgumentException(
          "vector '" + name + "' has " + match.getValueCount() + " values, the batch " + rowCount);
    }
    return match;
  }
}
