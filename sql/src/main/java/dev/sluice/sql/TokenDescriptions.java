package dev.sluice.sql;

import static dev.sluice.sql.parser.SluiceSqlLexer.BACKQUOTED_IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.DECIMAL_VALUE;
import static dev.sluice.sql.parser.SluiceSqlLexer.DIGIT_IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.DOUBLE_QUOTED_STRING;
import static dev.sluice.sql.parser.SluiceSqlLexer.DOUBLE_VALUE;
import static dev.sluice.sql.parser.SluiceSqlLexer.IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.INTEGER_VALUE;
import static dev.sluice.sql.parser.SluiceSqlLexer.SINGLE_QUOTED_STRING;
import static dev.sluice.sql.parser.SluiceSqlLexer.VERTICAL;

import dev.sluice.sql.parser.SluiceSqlParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns token types and sets of expected tokens into words for error messages, and knows which
 * keywords are reserved. Everything is derived from the generated grammar so it cannot drift from
 * it.
 */
final class TokenDescriptions {

  /** Longer "expecting" lists are left out: they read as noise, not help. */
  static final int MAX_LISTED_ALTERNATIVES = 8;

  private static final ATN ATN = SluiceSqlParser._ATN;
  private static final IntervalSet EXPRESSION_START = first(SluiceSqlParser.RULE_expression);
  private static final IntervalSet IDENTIFIER_START = first(SluiceSqlParser.RULE_identifier);
  private static final IntervalSet DATA_TYPE_START = first(SluiceSqlParser.RULE_dataType);
  private static final IntervalSet STATEMENT_START = first(SluiceSqlParser.RULE_statement);
  private static final IntervalSet NON_RESERVED = first(SluiceSqlParser.RULE_nonReserved);
  private static final Set<String> RESERVED_WORDS = reservedWords();

  private TokenDescriptions() {}

  /** The keywords that can start a statement, e.g. "ALTER, CREATE, ... or USE". */
  static String statementKeywords() {
    List<String> words = new ArrayList<>(new TreeSet<>(plainNames(STATEMENT_START)));
    String last = words.remove(words.size() - 1);
    return String.join(", ", words) + " or " + last;
  }

  /** True for words that cannot be a bare identifier (they must be `backquoted`). */
  static boolean isReserved(String word) {
    return RESERVED_WORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /**
   * "'FROM'", "one of: 'FROM', identifier", or null when the set is empty or too long to help.
   * Whole groups collapse into one word: all tokens that start an expression become "expression",
   * identifiers and non-reserved keywords become "identifier", type names "data type".
   */
  static String describeExpected(IntervalSet expected) {
    IntervalSet rest = new IntervalSet(expected);
    rest.remove(Token.EPSILON);
    List<String> groups = new ArrayList<>();
    if (containsAll(rest, EXPRESSION_START)) {
      groups.add("expression");
      rest = rest.subtract(EXPRESSION_START);
    }
    if (rest.contains(IDENTIFIER)) {
      groups.add("identifier");
      rest = rest.subtract(IDENTIFIER_START);
    }
    if (containsAll(rest, DATA_TYPE_START)) {
      groups.add("data type");
      rest = rest.subtract(DATA_TYPE_START);
    }
    Set<String> tokens = new TreeSet<>();
    boolean endOfInput = false;
    for (int type : rest.toList()) {
      if (type == Token.EOF) {
        endOfInput = true;
      } else {
        tokens.add(describe(type));
      }
    }
    List<String> all = new ArrayList<>(groups);
    all.addAll(tokens);
    if (endOfInput) {
      all.add(describe(Token.EOF));
    }
    if (all.isEmpty() || all.size() > MAX_LISTED_ALTERNATIVES) {
      return null;
    }
    return all.size() == 1 ? all.get(0) : "one of: " + String.join(", ", all);
  }

  /** A single token type as users would name it: 'FROM', '(', identifier, string. */
  static String describe(int type) {
    switch (type) {
      case Token.EOF:
        return "end of input";
      case IDENTIFIER:
      case DIGIT_IDENTIFIER:
      case BACKQUOTED_IDENTIFIER:
        return "identifier";
      case SINGLE_QUOTED_STRING:
      case DOUBLE_QUOTED_STRING:
        return "string";
      case INTEGER_VALUE:
        return "integer";
      case DECIMAL_VALUE:
      case DOUBLE_VALUE:
        return "number";
      case VERTICAL:
        return "'\\G'";
      default:
        String literal = SluiceSqlParser.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : SluiceSqlParser.VOCABULARY.getDisplayName(type);
    }
  }

  private static IntervalSet first(int rule) {
    IntervalSet set = new IntervalSet(ATN.nextTokens(ATN.ruleToStartState[rule]));
    set.remove(Token.EPSILON);
    return set;
  }

  private static boolean containsAll(IntervalSet set, IntervalSet subset) {
    return subset.subtract(set).isNil();
  }

  /** Keyword spellings ('FROM' without quotes) of the given token types. */
  private static List<String> plainNames(IntervalSet types) {
    List<String> names = new ArrayList<>();
    for (int type : types.toList()) {
      String literal = SluiceSqlParser.VOCABULARY.getLiteralName(type);
      if (literal != null) {
        names.add(literal.substring(1, literal.length() - 1));
      }
    }
    return names;
  }

  private static Set<String> reservedWords() {
    Set<String> reserved = new HashSet<>();
    for (int type = 1; type <= SluiceSqlParser.VOCABULARY.getMaxTokenType(); type++) {
      String literal = SluiceSqlParser.VOCABULARY.getLiteralName(type);
      if (literal == null || NON_RESERVED.contains(type)) {
        continue;
      }
      String word = literal.substring(1, literal.length() - 1);
      if (word.chars().allMatch(c -> Character.isLetter(c) || c == '_')) {
        reserved.add(word);
      }
    }
    return Set.copyOf(reserved);
  }
}
