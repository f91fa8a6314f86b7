package dev.sluice.expr.analysis;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.plan.Plan;
import dev.sluice.sql.tree.ColumnRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The column names an expression may use, each bound to the plan that produces its value; names
 * ignore case, as StarRocks column names do. A name can also be known but unusable here (a derived
 * column defined later in COLUMNS), which gives a better message than "unknown column". Records
 * which names were used, so the worker decodes only the placeholders that expressions read.
 */
public final class Scope {

  /** Names listed in an "unknown column" message at most. */
  private static final int MAX_LISTED = 30;

  private final Map<String, Plan> columns = new LinkedHashMap<>();
  private final Map<String, String> unusable = new LinkedHashMap<>();
  private final Map<String, String> displayNames = new LinkedHashMap<>();
  private final Set<String> used = new LinkedHashSet<>();

  /** Binds {@code name} unless it is already bound (earlier bindings win). */
  public void add(String name, Plan plan) {
    requireNonNull(name, "name is null");
    requireNonNull(plan, "plan is null");
    String key = fold(name);
    if (!columns.containsKey(key) && !unusable.containsKey(key)) {
      columns.put(key, plan);
      displayNames.put(key, name);
    }
  }

  /** Makes {@code name} known but not usable, with the reason why. */
  public void addUnusable(String name, String reason) {
    String key = fold(name);
    if (!columns.containsKey(key) && !unusable.containsKey(key)) {
      unusable.put(key, reason);
      displayNames.put(key, name);
    }
  }

  public Plan resolve(ColumnRef ref) {
    if (ref.qualifier().isPresent()) {
      throw new ExpressionException(
          "column '"
              + ref.qualifier().get()
              + "."
              + ref.name()
              + "': qualified column names are not supported here",
          ref.position());
    }
    String key = fold(ref.name());
    Plan plan = columns.get(key);
    if (plan != null) {
      used.add(displayNames.get(key));
      return plan;
    }
    String reason = unusable.get(key);
    if (reason != null) {
      throw new ExpressionException(reason, ref.position());
    }
    throw new ExpressionException(
        "unknown column '" + ref.name() + "' (known: " + knownNames() + ")", ref.position());
  }

  private String knownNames() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> entry : displayNames.entrySet()) {
      if (columns.containsKey(entry.getKey())) {
        names.add(entry.getValue());
      }
    }
    if (names.isEmpty()) {
      return "none";
    }
    if (names.size() > MAX_LISTED) {
      return String.join(", ", names.subList(0, MAX_LISTED)) + ", ...";
    }
    return String.join(", ", names);
  }

  /** The names resolved so far, as they were bound. */
  public Set<String> used() {
    return Set.copyOf(used);
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
