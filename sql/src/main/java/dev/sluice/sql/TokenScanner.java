package dev.sluice.sql;

import static dev.sluice.sql.parser.SluiceSqlLexer.BACKQUOTED_IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.CASE;
import static dev.sluice.sql.parser.SluiceSqlLexer.DIGIT_IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.DOUBLE_QUOTED_STRING;
import static dev.sluice.sql.parser.SluiceSqlLexer.END;
import static dev.sluice.sql.parser.SluiceSqlLexer.IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.LEFT_PAREN;
import static dev.sluice.sql.parser.SluiceSqlLexer.MINUS;
import static dev.sluice.sql.parser.SluiceSqlLexer.NOT;
import static dev.sluice.sql.parser.SluiceSqlLexer.PLUS;
import static dev.sluice.sql.parser.SluiceSqlLexer.RIGHT_PAREN;
import static dev.sluice.sql.parser.SluiceSqlLexer.SINGLE_QUOTED_STRING;
import static dev.sluice.sql.parser.SluiceSqlLexer.UNRECOGNIZED;
import static dev.sluice.sql.parser.SluiceSqlLexer.UNTERMINATED_COMMENT;
import static dev.sluice.sql.parser.SluiceSqlLexer.UNTERMINATED_IDENTIFIER;
import static dev.sluice.sql.parser.SluiceSqlLexer.UNTERMINATED_STRING;

import dev.sluice.sql.parser.SluiceSqlLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Lexes the input up front, stopping at the first lexical problem (an unterminated string or
 * comment, a stray character), so that a megabyte of garbage costs almost nothing. The problem is
 * not reported right away: the parser reports it when it reaches the bad token, which lets an
 * earlier, more useful error win ("unknown statement 'GRANT'" rather than "unexpected character
 * '{'" further on). Nesting deep enough to overflow the recursive-descent parser's stack is
 * rejected at once, before parsing starts.
 */
final class TokenScanner {

  /**
   * The tokens up to and including the first bad one; {@code badToken} and {@code error} are null
   * when there is none.
   */
  record Scan(List<Token> tokens, Token badToken, SqlParseException error) {}

  /**
   * Parentheses, CASEs and runs of prefix operators (NOT, unary minus) each cost the parser a few
   * stack frames; real statements stay far below this, 5,000 levels would overflow.
   */
  static final int MAX_NESTING = 128;

  /**
   * The parse tree costs about a kilobyte per token, so a few hundred thousand tokens would eat a
   * server's heap. Real statements, even a CREATE TABLE with a thousand columns or an IN list of
   * ten thousand values, stay well below.
   */
  static final int MAX_TOKENS = 100_000;

  /**
   * Names are stored in PostgreSQL under unique indexes, whose entries must stay below about 2,700
   * bytes; 256 characters is StarRocks' limit for database names and leaves room for any UTF-8.
   */
  static final int MAX_IDENTIFIER_CHARS = 256;

  private TokenScanner() {}

  /** All tokens (hidden ones included) ending with EOF, or with the first bad token. */
  static Scan scan(String text) {
    SluiceSqlLexer lexer = new SluiceSqlLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(FAIL_ON_LEXER_ERROR);
    List<Token> tokens = new ArrayList<>();
    int parentheses = 0;
    int cases = 0;
    int prefixRun = 0;
    int count = 0;
    while (true) {
      Token token = lexer.nextToken();
      tokens.add(token);
      if (token.getType() == Token.EOF) {
        return new Scan(tokens, null, null);
      }
      if (token.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (isErrorToken(token.getType())) {
        return new Scan(tokens, token, lexicalError(token));
      }
      checkText(token);
      if (++count > MAX_TOKENS) {
        return new Scan(
            tokens, token, error(token, "input too long (more than " + MAX_TOKENS + " tokens)"));
      }
      switch (token.getType()) {
        case LEFT_PAREN:
          parentheses++;
          break;
        case RIGHT_PAREN:
          parentheses = Math.max(0, parentheses - 1);
          break;
        case CASE:
          cases++;
          break;
        case END:
          cases = Math.max(0, cases - 1);
          break;
        default:
          break;
      }
      int type = token.getType();
      prefixRun = type == NOT || type == MINUS || type == PLUS ? prefixRun + 1 : 0;
      if (parentheses + cases + prefixRun > MAX_NESTING) {
        throw error(token, "expression nested too deeply (more than " + MAX_NESTING + " levels)");
      }
    }
  }

  /** Rejects names and strings the catalog could not store as written. */
  private static void checkText(Token token) {
    int type = token.getType();
    boolean name = type == IDENTIFIER || type == DIGIT_IDENTIFIER || type == BACKQUOTED_IDENTIFIER;
    boolean string = type == SINGLE_QUOTED_STRING || type == DOUBLE_QUOTED_STRING;
    if (!name && !string) {
      return;
    }
    String text = token.getText();
    if (text.indexOf('\0') >= 0) {
      throw error(
          token,
          "NUL character (U+0000) in a "
              + (name ? "name" : "string")
              + ": names and values cannot contain it");
    }
    // Quotes are not part of the name; a doubled backquote counts twice, which errs on the safe
    // side.
    int length = type == BACKQUOTED_IDENTIFIER ? text.length() - 2 : text.length();
    if (name && length > MAX_IDENTIFIER_CHARS) {
      throw error(
          token,
          "name too long: "
              + length
              + " characters, at most "
              + MAX_IDENTIFIER_CHARS
              + " are allowed");
    }
  }

  /** The lexer's error tokens: they stand for input that is not a token at all. */
  static boolean isErrorToken(int type) {
    return type == UNTERMINATED_STRING
        || type == UNTERMINATED_IDENTIFIER
        || type == UNTERMINATED_COMMENT
        || type == UNRECOGNIZED;
  }

  private static SqlParseException lexicalError(Token token) {
    switch (token.getType()) {
      case UNTERMINATED_STRING:
        return error(
            token, "unterminated string: no closing " + token.getText().charAt(0) + " found");
      case UNTERMINATED_IDENTIFIER:
        return error(token, "unterminated quoted identifier: no closing ` found");
      case UNTERMINATED_COMMENT:
        return error(token, "unterminated comment: no closing */ found");
      default:
        return error(token, "unexpected character " + describeCharacter(token.getText()));
    }
  }

  private static SqlParseException error(Token token, String message) {
    return new SqlParseException(message, token.getLine(), token.getCharPositionInLine());
  }

  private static String describeCharacter(String text) {
    int codePoint = text.codePointAt(0);
    if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
      return String.format("U+%04X", codePoint);
    }
    if ("\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00B4".indexOf(codePoint) >= 0) {
      return "'" + text + "' (a typographic quote: quote strings with ' or \")";
    }
    return "'" + text + "'";
  }

  /** The grammar's UNRECOGNIZED rule matches any character, so this is only a safety net. */
  private static final BaseErrorListener FAIL_ON_LEXER_ERROR =
      new BaseErrorListener() {
        @Override
        public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int charPositionInLine,
            String msg,
            RecognitionException e) {
          throw new SqlParseException(msg, line, charPositionInLine);
        }
      };
}
