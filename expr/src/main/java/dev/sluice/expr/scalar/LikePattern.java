package dev.sluice.expr.scalar;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A compiled SQL LIKE pattern over UTF-8 bytes: {@code %} matches any run of characters, {@code _}
 * exactly one character, a backslash makes the next character literal; everything else matches
 * itself, case-sensitively (StarRocks compares bytes). The common shapes (no wildcard, {@code
 * abc%}, {@code %abc}, {@code %abc%}) are plain byte comparisons; anything else runs the greedy
 * wildcard match with one backtrack point, linear for patterns with a single {@code %} and never
 * exponential. Immutable and thread-safe.
 */
public final class LikePattern {

  private static final byte LITERAL = 0;
  private static final byte ONE = 1;
  private static final byte ANY = 2;

  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    GENERAL
  }

  private final byte[] symbols;
  private final byte[] kinds;
  private final Shape shape;
  // The literal bytes of the fast shapes.
  private final byte[] literal;

  private LikePattern(byte[] symbols, byte[] kinds) {
    this.symbols = symbols;
    this.kinds = kinds;
    int n = kinds.length;
    int anyCount = 0;
    int oneCount = 0;
    for (byte kind : kinds) {
      anyCount += kind == ANY ? 1 : 0;
      oneCount += kind == ONE ? 1 : 0;
    }
    boolean leading = n > 0 && kinds[0] == ANY;
    boolean trailing = n > 1 && kinds[n - 1] == ANY;
    if (oneCount == 0 && anyCount == 0) {
      shape = Shape.EXACT;
      literal = symbols;
    } else if (oneCount == 0 && anyCount == 1 && trailing) {
      shape = Shape.PREFIX;
      literal = Arrays.copyOf(symbols, n - 1);
    } else if (oneCount == 0 && anyCount == 1 && leading) {
      shape = Shape.SUFFIX;
      literal = Arrays.copyOfRange(symbols, 1, n);
    } else if (oneCount == 0 && anyCount == 2 && leading && trailing) {
      shape = Shape.CONTAINS;
      literal = Arrays.copyOfRange(symbols, 1, n - 1);
    } else {
      shape = Shape.GENERAL;
      literal = null;
    }
  }

  /** Compiles the pattern's bytes (backslash escapes, {@code %}, {@code _}). */
  public static LikePattern compile(byte[] pattern, int from, int to) {
    requireNonNull(pattern, "pattern is null");
    byte[] symbols = new byte[to - from];
    byte[] kinds = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = pattern[i];
      if (b == '\\' && i + 1 < to) {
        symbols[n] = pattern[++i];
        kinds[n++] = LITERAL;
      } else if (b == '%') {
        // Consecutive %s mean the same as one.
        if (n == 0 || kinds[n - 1] != ANY) {
          symbols[n] = b;
          kinds[n++] = ANY;
        }
      } else if (b == '_') {
        symbols[n] = b;
        kinds[n++] = ONE;
      } else {
        symbols[n] = b;
        kinds[n++] = LITERAL;
      }
    }
    return new LikePattern(Arrays.copyOf(symbols, n), Arrays.copyOf(kinds, n));
  }

  public boolean matches(byte[] text, int from, int to) {
    switch (shape) {
      case EXACT:
        return to - from == literal.length && regionMatches(text, from, literal);
      case PREFIX:
        return to - from >= literal.length && regionMatches(text, from, literal);
      case SUFFIX:
        return to - from >= literal.length && regionMatches(text, to - literal.length, literal);
      case CONTAINS:
        return indexOf(text, from, to, literal) >= 0;
      default:
        return matchGeneral(text, from, to);
    }
  }

  private boolean matchGeneral(byte[] text, int from, int to) {
    int n = kinds.length;
    int p = 0;
    int s = from;
    int starP = -1;
    int starS = -1;
    while (s < to) {
      if (p < n && kinds[p] == ONE) {
        s = Utf8.next(text, s, to);
        p++;
      } else if (p < n && kinds[p] == LITERAL && symbols[p] == text[s]) {
        s++;
        p++;
      } else if (p < n && kinds[p] == ANY) {
        starP = p++;
        starS = s;
      } else if (starP >= 0) {
        // Let the last % swallow one more character and retry from there.
        p = starP + 1;
        starS = Utf8.next(text, starS, to);
        s = starS;
      } else {
        return false;
      }
    }
    while (p < n && kinds[p] == ANY) {
      p++;
    }
    return p == n;
  }

  private static boolean regionMatches(byte[] text, int at, byte[] literal) {
    for (int i = 0; i < literal.length; i++) {
      if (text[at + i] != literal[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first position of {@code needle} in [from, to), or -1. */
  public static int indexOf(byte[] text, int from, int to, byte[] needle) {
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (text[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
