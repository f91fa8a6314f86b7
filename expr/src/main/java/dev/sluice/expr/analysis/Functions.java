package dev.sluice.expr.analysis;

import dev.sluice.expr.plan.CallPlan;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.Plan;
import dev.sluice.expr.scalar.DateFormat;
import dev.sluice.expr.vector.AbsKernel;
import dev.sluice.expr.vector.CaseConversionKernel;
import dev.sluice.expr.vector.ComparisonOperator;
import dev.sluice.expr.vector.ConcatKernel;
import dev.sluice.expr.vector.DateFormatKernel;
import dev.sluice.expr.vector.DateTruncKernel;
import dev.sluice.expr.vector.EpochKernel;
import dev.sluice.expr.vector.ExtractKernel;
import dev.sluice.expr.vector.LengthKernel;
import dev.sluice.expr.vector.Md5Kernel;
import dev.sluice.expr.vector.NowKernel;
import dev.sluice.expr.vector.ReplaceKernel;
import dev.sluice.expr.vector.RoundKernel;
import dev.sluice.expr.vector.SplitPartKernel;
import dev.sluice.expr.vector.StrToDateKernel;
import dev.sluice.expr.vector.SubstrKernel;
import dev.sluice.expr.vector.TrimKernel;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The functions expressions may call, by lower-case name, with their arity and how each binds its
 * arguments (argument conversions follow {@link Conversions}; a string where a number is expected
 * is parsed as a DOUBLE, a string where a date is expected as a DATETIME).
 */
final class Functions {

  /** Binds a call whose argument count has been checked. */
  @FunctionalInterface
  interface Binder {
    Plan bind(FunctionCallContext call);
  }

  /** A function: its name, the range of argument counts (max -1: unbounded), its binder. */
  record Spec(String name, int min, int max, Binder binder) {
    boolean accepts(int count) {
      return count >= min && (max < 0 || count <= max);
    }

    String arityMessage(int got) {
      String expected;
      if (max == 0) {
        expected = "no arguments";
      } else if (min == max) {
        expected = min + (min == 1 ? " argument" : " arguments");
      } else if (max < 0) {
        expected = "at least " + min + (min == 1 ? " argument" : " arguments");
      } else if (max == min + 1) {
        expected = min + " or " + max + " arguments";
      } else {
        expected = min + " to " + max + " arguments";
      }
      return "function " + name + " takes " + expected + ", got " + got;
    }
  }

  private static final Map<String, Spec> SPECS = new TreeMap<>();

  static {
    add("from_unixtime", 1, 2, Functions::fromUnixtime);
    add("unix_timestamp", 0, 2, Functions::unixTimestamp);
    add("str_to_date", 2, 2, call -> strToDate(call, false));
    add("str2date", 2, 2, call -> strToDate(call, true));
    add("date_format", 2, 2, Functions::dateFormat);
    add("to_date", 1, 1, call -> call.argument(0, Types.DATE));
    add("date", 1, 1, call -> call.argument(0, Types.DATE));
    add("date_trunc", 2, 2, Functions::dateTrunc);
    for (ExtractKernel.Field field : ExtractKernel.Field.values()) {
      add(field.name().toLowerCase(Locale.ROOT), 1, 1, call -> extract(call, field));
    }
    add("dayofmonth", 1, 1, call -> extract(call, ExtractKernel.Field.DAY));
    add("now", 0, 0, call -> now(call, TypeKind.DATETIME));
    add("current_timestamp", 0, 0, call -> now(call, TypeKind.DATETIME));
    add("localtime", 0, 0, call -> now(call, TypeKind.DATETIME));
    add("localtimestamp", 0, 0, call -> now(call, TypeKind.DATETIME));
    add("curdate", 0, 0, call -> now(call, TypeKind.DATE));
    add("current_date", 0, 0, call -> now(call, TypeKind.DATE));
    add("if", 3, 3, Functions::ifFunction);
    add("ifnull", 2, 2, Functions::coalesce);
    add("nvl", 2, 2, Functions::coalesce);
    add("coalesce", 1, -1, Functions::coalesce);
    add("nullif", 2, 2, Functions::nullIf);
    add("concat", 1, -1, call -> concat(call, false));
    add("concat_ws", 2, -1, call -> concat(call, true));
    add("substr", 2, 3, Functions::substr);
    add("substring", 2, 3, Functions::substr);
    add("length", 1, 1, call -> length(call, false));
    add("char_length", 1, 1, call -> length(call, true));
    add("character_length", 1, 1, call -> length(call, true));
    add("upper", 1, 1, call -> caseConversion(call, true));
    add("ucase", 1, 1, call -> caseConversion(call, true));
    add("lower", 1, 1, call -> caseConversion(call, false));
    add("lcase", 1, 1, call -> caseConversion(call, false));
    add("trim", 1, 1, call -> trim(call, true, true));
    add("ltrim", 1, 1, call -> trim(call, true, false));
    add("rtrim", 1, 1, call -> trim(call, false, true));
    add("replace", 3, 3, Functions::replace);
    add("split_part", 3, 3, Functions::splitPart);
    add("md5", 1, 1, Functions::md5);
    add("abs", 1, 1, Functions::abs);
    add("round", 1, 2, call -> round(call, RoundKernel.Mode.ROUND));
    add("floor", 1, 1, call -> round(call, RoundKernel.Mode.FLOOR));
    add("ceil", 1, 1, call -> round(call, RoundKernel.Mode.CEIL));
    add("ceiling", 1, 1, call -> round(call, RoundKernel.Mode.CEIL));
  }

  private Functions() {}

  private static void add(String name, int min, int max, Binder binder) {
    SPECS.put(name, new Spec(name, min, max, binder));
  }

  static Optional<Spec> find(String name) {
    return Optional.ofNullable(SPECS.get(name));
  }

  // ---------------------------------------------------------------- dates and times

  private static Plan fromUnixtime(FunctionCallContext call) {
    Plan seconds = call.argument(0, Types.BIGINT);
    Plan format;
    DateFormat constant;
    if (call.count() > 1) {
      format = call.argument(1, Types.VARCHAR);
      constant = call.constantText(1).map(DateFormat::compile).orElse(null);
    } else {
      constant = DateFormat.DEFAULT_DATETIME;
      format = text(constant.pattern());
    }
    Plan local =
        new CallPlan(
            Types.DATETIME,
            call.sql(),
            List.of(seconds),
            (i, k) -> new EpochKernel(k.get(0), true, i.zone(), i.allocator()));
    return format(call.sql(), local, format, constant);
  }

  private static Plan format(String sql, Plan datetime, Plan format, DateFormat constant) {
    return new CallPlan(
        Types.VARCHAR,
        sql,
        List.of(datetime, format),
        (i, k) -> new DateFormatKernel(Types.VARCHAR, k.get(0), k.get(1), constant, i.allocator()));
  }

  private static Plan unixTimestamp(FunctionCallContext call) {
    if (call.count() == 0) {
      return now(call, TypeKind.BIGINT);
    }
    Plan datetime = call.count() == 2 ? strToDate(call, false) : call.argument(0, Types.DATETIME);
    return new CallPlan(
        Types.BIGINT,
        call.sql(),
        List.of(datetime),
        (i, k) -> new EpochKernel(k.get(0), false, i.zone(), i.allocator()));
  }

  private static Plan strToDate(FunctionCallContext call, boolean toDate) {
    Plan text = call.argument(0, Types.VARCHAR);
    Plan format = call.argument(1, Types.VARCHAR);
    DateFormat constant = call.constantText(1).map(DateFormat::compile).orElse(null);
    Plan parsed =
        new CallPlan(
            Types.DATETIME,
            call.sql(),
            List.of(text, format),
            (i, k) -> new StrToDateKernel(k.get(0), k.get(1), constant, i.strict(), i.allocator()));
    return toDate ? Conversions.convert(parsed, Types.DATE, call.position()) : parsed;
  }

  private static Plan dateFormat(FunctionCallContext call) {
    Plan datetime = call.argument(0, Types.DATETIME);
    Plan format = call.argument(1, Types.VARCHAR);
    DateFormat constant = call.constantText(1).map(DateFormat::compile).orElse(null);
    return format(call.sql(), datetime, format, constant);
  }

  private static Plan dateTrunc(FunctionCallContext call) {
    String unitName =
        call.constantText(0)
            .orElseThrow(
                () -> call.error(0, "the unit of date_trunc must be a string literal, e.g. 'day'"));
    DateTruncKernel.Unit unit = DateTruncKernel.Unit.of(unitName);
    if (unit == null) {
      throw call.error(
          0,
          "unknown unit '"
              + unitName
              + "' for date_trunc (units: year, quarter, month, week, day, hour, minute, second)");
    }
    Plan value = temporalArgument(call, 1, !unit.isTimeOfDay());
    return new CallPlan(
        value.type(),
        call.sql(),
        List.of(value),
        (i, k) -> new DateTruncKernel(unit, k.get(0), i.allocator()));
  }

  /** A DATE stays a DATE when allowed; anything else converts to DATETIME. */
  private static Plan temporalArgument(FunctionCallContext call, int index, boolean dateAllowed) {
    Plan wide = call.wide(index);
    if (dateAllowed && wide.type().kind() == TypeKind.DATE) {
      return wide;
    }
    return call.argument(index, Types.DATETIME);
  }

  private static Plan extract(FunctionCallContext call, ExtractKernel.Field field) {
    Plan value = temporalArgument(call, 0, true);
    return new CallPlan(
        Types.BIGINT,
        call.sql(),
        List.of(value),
        (i, k) -> new ExtractKernel(field, k.get(0), i.allocator()));
  }

  private static Plan now(FunctionCallContext call, TypeKind kind) {
    return new CallPlan(
        ColumnType.of(kind),
        call.sql(),
        List.of(),
        (i, k) -> new NowKernel(kind, i.allocator()),
        false);
  }

  // ---------------------------------------------------------------- conditionals

  private static Plan ifFunction(FunctionCallContext call) {
    Plan condition =
        Operators.requireBoolean(call.argument(0), call.position(0), "the condition of if");
    List<Plan> values = List.of(call.argument(1), call.argument(2));
    ColumnType type = Operators.resultType(values, call.position(), "if");
    List<Plan> converted = Operators.convertAll(values, type, call.position());
    return Operators.caseWhen(
        type, List.of(condition), List.of(converted.get(0)), converted.get(1), call.sql());
  }

  private static Plan coalesce(FunctionCallContext call) {
    ColumnType type = Operators.resultType(call.arguments(), call.position(), call.name());
    List<Plan> values = new ArrayList<>();
    for (Plan value : Operators.convertAll(call.arguments(), type, call.position())) {
      if (!Operators.isNull(value)) {
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      return ConstantPlan.nullOf(type, call.sql());
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    return Operators.coalesce(type, values, call.sql());
  }

  private static Plan nullIf(FunctionCallContext call) {
    Plan value = call.wide(0);
    ColumnType type = Operators.isUntypedNull(value) ? Types.BOOLEAN : value.type();
    Plan equal =
        Operators.compare(
            ComparisonOperator.EQUAL, value, call.argument(1), call.sql(), call.position());
    return Operators.caseWhen(
        type,
        List.of(equal),
        List.of(ConstantPlan.nullOf(type, "NULL")),
        Conversions.convert(value, type, call.position()),
        call.sql());
  }

  // ---------------------------------------------------------------- strings

  private static Plan concat(FunctionCallContext call, boolean withSeparator) {
    List<Plan> arguments = new ArrayList<>();
    for (int i = 0; i < call.count(); i++) {
      Plan argument = call.argument(i, Types.VARCHAR);
      if (!withSeparator && Operators.isNull(argument)) {
        return ConstantPlan.nullOf(Types.VARCHAR, call.sql());
      }
      arguments.add(argument);
    }
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        arguments,
        (i, k) -> new ConcatKernel(Types.VARCHAR, withSeparator, List.copyOf(k), i.allocator()));
  }

  private static Plan substr(FunctionCallContext call) {
    List<Plan> arguments = new ArrayList<>();
    arguments.add(call.argument(0, Types.VARCHAR));
    arguments.add(call.argument(1, Types.BIGINT));
    if (call.count() > 2) {
      arguments.add(call.argument(2, Types.BIGINT));
    }
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        arguments,
        (i, k) -> new SubstrKernel(Types.VARCHAR, List.copyOf(k), i.allocator()));
  }

  private static Plan length(FunctionCallContext call, boolean characters) {
    Plan text = call.argument(0, Types.VARCHAR);
    return new CallPlan(
        Types.BIGINT,
        call.sql(),
        List.of(text),
        (i, k) -> new LengthKernel(characters, k.get(0), i.allocator()));
  }

  private static Plan caseConversion(FunctionCallContext call, boolean upper) {
    Plan text = call.argument(0, Types.VARCHAR);
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        List.of(text),
        (i, k) -> new CaseConversionKernel(Types.VARCHAR, upper, k.get(0), i.allocator()));
  }

  private static Plan trim(FunctionCallContext call, boolean leading, boolean trailing) {
    Plan text = call.argument(0, Types.VARCHAR);
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        List.of(text),
        (i, k) -> new TrimKernel(Types.VARCHAR, leading, trailing, k.get(0), i.allocator()));
  }

  private static Plan replace(FunctionCallContext call) {
    List<Plan> arguments =
        List.of(
            call.argument(0, Types.VARCHAR),
            call.argument(1, Types.VARCHAR),
            call.argument(2, Types.VARCHAR));
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        arguments,
        (i, k) -> new ReplaceKernel(Types.VARCHAR, List.copyOf(k), i.allocator()));
  }

  private static Plan splitPart(FunctionCallContext call) {
    List<Plan> arguments =
        List.of(
            call.argument(0, Types.VARCHAR),
            call.argument(1, Types.VARCHAR),
            call.argument(2, Types.BIGINT));
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        arguments,
        (i, k) -> new SplitPartKernel(Types.VARCHAR, List.copyOf(k), i.allocator()));
  }

  private static Plan md5(FunctionCallContext call) {
    Plan text = call.argument(0, Types.VARCHAR);
    return new CallPlan(
        Types.VARCHAR,
        call.sql(),
        List.of(text),
        (i, k) -> new Md5Kernel(Types.VARCHAR, k.get(0), i.allocator()));
  }

  // ---------------------------------------------------------------- numbers

  /** A numeric argument in its computation type: BOOLEAN as BIGINT, a string as DOUBLE. */
  private static Plan number(FunctionCallContext call, int index) {
    Plan wide = call.wide(index);
    return switch (wide.type().kind()) {
      case BIGINT, DOUBLE, DECIMAL -> wide;
      case BOOLEAN, TINYINT, SMALLINT, INT -> call.argument(index, Types.BIGINT);
      case VARCHAR, CHAR, STRING, FLOAT -> call.argument(index, Types.DOUBLE);
      case LARGEINT -> call.argument(index, Types.LARGEINT_DECIMAL);
      case DATE, DATETIME ->
          throw call.error(
              index,
              "argument "
                  + (index + 1)
                  + " of "
                  + call.name()
                  + " must be a number, got "
                  + Types.describe(wide.type()));
    };
  }

  private static Plan abs(FunctionCallContext call) {
    Plan value = number(call, 0);
    return new CallPlan(
        value.type(),
        call.sql(),
        List.of(value),
        (i, k) -> new AbsKernel(k.get(0), i.strict(), call.sql(), i.allocator()));
  }

  private static Plan round(FunctionCallContext call, RoundKernel.Mode mode) {
    Plan value = number(call, 0);
    Plan digits = call.count() > 1 ? call.argument(1, Types.BIGINT) : null;
    Optional<Long> constantDigits = call.count() > 1 ? call.constantLong(1) : Optional.of(0L);
    TypeKind kind = value.type().kind();
    if (kind == TypeKind.BIGINT) {
      if (constantDigits.isPresent() && constantDigits.get() >= 0) {
        return value;
      }
      value =
          constantDigits.isPresent()
              ? Conversions.convert(value, Types.BIGINT_DECIMAL, call.position(0))
              : Conversions.convert(value, Types.DOUBLE, call.position(0));
      kind = value.type().kind();
    }
    if (kind == TypeKind.DECIMAL && constantDigits.isEmpty()) {
      value = Conversions.convert(value, Types.DOUBLE, call.position(0));
      kind = TypeKind.DOUBLE;
    }
    String sql = call.sql();
    if (kind == TypeKind.DOUBLE) {
      ColumnType result = mode == RoundKernel.Mode.ROUND ? Types.DOUBLE : Types.BIGINT;
      List<Plan> arguments = digits == null ? List.of(value) : List.of(value, digits);
      return new CallPlan(
          result,
          sql,
          arguments,
          (i, k) ->
              new RoundKernel(
                  mode,
                  result,
                  k.get(0),
                  k.size() > 1 ? k.get(1) : null,
                  0,
                  i.strict(),
                  sql,
                  i.allocator()));
    }
    ColumnType input = value.type();
    int d =
        mode == RoundKernel.Mode.ROUND
            ? (int)
                Math.max(-Types.MAX_PRECISION, Math.min(constantDigits.get(), Types.MAX_PRECISION))
            : 0;
    int scale = Math.max(0, Math.min(d, input.scale()));
    int kept = Math.min(d, input.scale());
    ColumnType result = Types.decimal(input.precision() - input.scale() + 1 + scale, scale);
    return new CallPlan(
        result,
        sql,
        List.of(value),
        (i, k) ->
            new RoundKernel(mode, result, k.get(0), null, kept, i.strict(), sql, i.allocator()));
  }

  // ---------------------------------------------------------------- helpers

  private static Plan text(String value) {
    return ConstantPlan.of(
        Types.VARCHAR,
        value.getBytes(StandardCharsets.UTF_8),
        "'" + value.replace("'", "''") + "'");
  }
}
