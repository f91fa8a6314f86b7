package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlParser.PropertiesClauseContext;
import dev.sluice.sql.parser.SluiceSqlParser.PropertyContext;
import dev.sluice.sql.parser.SluiceSqlParser.PropertyListContext;
import dev.sluice.sql.tree.Property;
import dev.sluice.sql.tree.PropertyList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code ("key" = "value", ...)}: keys lower-cased and unique, values verbatim. */
final class PropertyLists {

  private PropertyLists() {}

  static PropertyList of(PropertiesClauseContext context) {
    return context == null ? PropertyList.EMPTY : of(context.propertyList());
  }

  static PropertyList of(PropertyListContext context) {
    if (context == null) {
      return PropertyList.EMPTY;
    }
    List<Property> properties = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (PropertyContext property : context.property()) {
      String key = Trees.string(property.key).toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        throw error(property, "property key must not be empty");
      }
      if (!keys.add(key)) {
        throw error(property, "duplicate property '" + key + "'");
      }
      properties.add(new Property(key, Trees.string(property.value), position(property)));
    }
    return new PropertyList(properties);
  }
}
