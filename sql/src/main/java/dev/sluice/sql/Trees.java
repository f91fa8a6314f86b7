package dev.sluice.sql;

import dev.sluice.sql.parser.SluiceSqlParser.IdentifierContext;
import dev.sluice.sql.parser.SluiceSqlParser.IdentifierListContext;
import dev.sluice.sql.parser.SluiceSqlParser.QualifiedNameContext;
import dev.sluice.sql.parser.SluiceSqlParser.StringContext;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Small conversions from parse-tree pieces to tree values, shared by the builders. */
final class Trees {

  private Trees() {}

  static Position position(Token token) {
    return new Position(token.getLine(), token.getCharPositionInLine());
  }

  static Position position(ParserRuleContext context) {
    return position(context.getStart());
  }

  static SqlParseException error(Position position, String message) {
    return new SqlParseException(message, position);
  }

  static SqlParseException error(Token token, String message) {
    return error(position(token), message);
  }

  static SqlParseException error(ParserRuleContext context, String message) {
    return error(context.getStart(), message);
  }

  /** The name, without backquotes ({@code `a``b`} is {@code a`b}); the case is kept. */
  static String identifier(IdentifierContext context) {
    String text = context.getText();
    if (context.BACKQUOTED_IDENTIFIER() == null) {
      return text;
    }
    String name = text.substring(1, text.length() - 1).replace("``", "`");
    if (name.isEmpty()) {
      throw error(context, "empty quoted identifier ``");
    }
    return name;
  }

  static List<String> identifiers(IdentifierListContext context) {
    List<String> names = new ArrayList<>();
    for (IdentifierContext identifier : context.identifier()) {
      names.add(identifier(identifier));
    }
    return names;
  }

  static List<String> nameParts(QualifiedNameContext context) {
    List<String> parts = new ArrayList<>();
    for (IdentifierContext identifier : context.identifier()) {
      parts.add(identifier(identifier));
    }
    return parts;
  }

  /** {@code [database.]name}; more parts are an error. */
  static QualifiedName qualifiedName(QualifiedNameContext context) {
    List<String> parts = nameParts(context);
    Position position = position(context);
    if (parts.size() == 1) {
      return new QualifiedName(Optional.empty(), parts.get(0), position);
    }
    if (parts.size() == 2) {
      return new QualifiedName(Optional.of(parts.get(0)), parts.get(1), position);
    }
    throw error(
        context,
        "too many parts in name '" + String.join(".", parts) + "': expected name or database.name");
  }

  static String string(StringContext context) {
    return StringLiterals.unescape(context.getStart().getText());
  }

  /** A non-negative INTEGER_VALUE token as an int, or a clear error naming what it is. */
  static int intValue(Token token, String what) {
    try {
      return Integer.parseInt(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, what + " " + SyntaxErrorStrategy.quote(token) + " is too large");
    }
  }

  /** A non-negative INTEGER_VALUE token as a long, or a clear error naming what it is. */
  static long longValue(Token token, String what) {
    try {
      return Long.parseLong(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, what + " " + SyntaxErrorStrategy.quote(token) + " is too large");
    }
  }
}
