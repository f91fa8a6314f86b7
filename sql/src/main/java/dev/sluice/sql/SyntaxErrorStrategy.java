package dev.sluice.sql;

import static dev.sluice.sql.parser.SluiceSqlLexer.SEMICOLON;
import static dev.sluice.sql.parser.SluiceSqlLexer.VERTICAL;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Fails on the first syntax error with a {@link SqlParseException} that names the offending token
 * and what could have come instead. Never recovers: a half-understood statement must not be
 * executed.
 *
 * <p>ANTLR's own "expecting" set only covers the place where matching finally failed. When an
 * optional clause was skipped just before (the token fit neither the clause nor what follows), the
 * clause's first tokens are just as valid, so {@link #sync} remembers them per token and the
 * message lists both: {@code SHOW ROUTINE LOAD FRO x} expects FOR, FROM, IN or the end.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

  private final boolean statementLevel;
  private final Token badToken;
  private final SqlParseException badTokenError;

  /** The token of the last sync, and the ATN states whose alternatives skipped it. */
  private int syncedTokenIndex = -1;

  private final List<Integer> skippingStates = new ArrayList<>();

  /**
   * @param statementLevel parsing a script: an error on a statement's first token then reads
   *     "unknown statement" rather than "mismatched input"
   * @param badToken the token at which {@link TokenScanner} stopped (a lexical error or the token
   *     limit), or null; the token stream ends there, so any error at or after it is really that
   *     token's fault
   * @param badTokenError what is wrong with {@code badToken}
   */
  SyntaxErrorStrategy(boolean statementLevel, Token badToken, SqlParseException badTokenError) {
    this.statementLevel = statementLevel;
    this.badToken = badToken;
    this.badTokenError = badTokenError;
  }

  /**
   * Called before each decision; remembers where an optional part did not fit the next token.
   * Parsing never goes back, so only the current token's record can matter for an error.
   */
  @Override
  public void sync(Parser recognizer) {
    int tokenIndex = recognizer.getCurrentToken().getTokenIndex();
    if (tokenIndex != syncedTokenIndex) {
      syncedTokenIndex = tokenIndex;
      skippingStates.clear();
    }
    ATNState state = recognizer.getATN().states.get(recognizer.getState());
    if (!recognizer.getATN().nextTokens(state).contains(recognizer.getInputStream().LA(1))) {
      skippingStates.add(recognizer.getState());
    }
  }

  @Override
  public void reportError(Parser recognizer, RecognitionException e) {
    throw toParseException(recognizer, e);
  }

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    throw toParseException(recognizer, e);
  }

  @Override
  public Token recoverInline(Parser recognizer) {
    throw toParseException(recognizer, new InputMismatchException(recognizer));
  }

  private SqlParseException toParseException(Parser recognizer, RecognitionException e) {
    Token offending =
        e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
    if (badToken != null && offending.getTokenIndex() >= badToken.getTokenIndex()) {
      return badTokenError;
    }
    int line = offending.getLine();
    int column = offending.getCharPositionInLine();
    if (statementLevel
        && offending.getType() != Token.EOF
        && startsStatement(recognizer.getInputStream(), offending)) {
      return new SqlParseException(
          "unknown statement "
              + quote(offending)
              + " (a statement starts with "
              + TokenDescriptions.statementKeywords()
              + ")",
          line,
          column);
    }
    String expected = TokenDescriptions.describeExpected(expectedTokens(recognizer, e, offending));
    String message =
        offending.getType() == Token.EOF
            ? "unexpected end of input"
            : "mismatched input " + quote(offending);
    if (expected != null) {
      message += offending.getType() == Token.EOF ? ", expecting " : " expecting ";
      message += expected;
    }
    message += placeholderHint(recognizer.getInputStream(), offending);
    return new SqlParseException(message, line, column);
  }

  private IntervalSet expectedTokens(Parser recognizer, RecognitionException e, Token offending) {
    IntervalSet expected = new IntervalSet();
    // A prediction that failed after looking ahead knows only what could start the whole
    // construct, which is not what is expected at the offending token; leave it out.
    boolean exact =
        !(e instanceof NoViableAltException noViable)
            || noViable.getStartToken().getTokenIndex() == offending.getTokenIndex();
    if (exact && e.getOffendingState() >= 0) {
      expected.addAll(e.getExpectedTokens());
    }
    if (offending.getTokenIndex() == syncedTokenIndex) {
      for (int state : skippingStates) {
        expected.addAll(recognizer.getATN().nextTokens(recognizer.getATN().states.get(state)));
      }
    }
    return expected;
  }

  private static boolean startsStatement(TokenStream tokens, Token token) {
    for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
      Token previous = tokens.get(i);
      if (previous.getChannel() == Token.DEFAULT_CHANNEL) {
        return previous.getType() == SEMICOLON || previous.getType() == VERTICAL;
      }
    }
    return true;
  }

  /** Doc examples write {@code <job_name>}; say so when that is what tripped the parser. */
  private static String placeholderHint(TokenStream tokens, Token offending) {
    if (!"<".equals(offending.getText())) {
      return "";
    }
    StringBuilder name = new StringBuilder();
    for (int i = offending.getTokenIndex() + 1; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (">".equals(token.getText())) {
        return name.length() == 0
            ? ""
            : " (replace the placeholder <" + name + "> with a real value)";
      }
      if (token.getType() == Token.EOF || token.getChannel() != Token.DEFAULT_CHANNEL) {
        return "";
      }
      name.append(token.getText());
    }
    return "";
  }

  static String quote(Token token) {
    if (token.getType() == Token.EOF) {
      return "end of input";
    }
    String text = token.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
  }
}
