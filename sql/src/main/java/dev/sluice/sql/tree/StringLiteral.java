package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/**
 * A quoted string, already unescaped: {@code 'it''s'} and {@code "it's"} both hold {@code it's};
 * {@code \n \t \r \b \0 \Z} become control characters, {@code \%} and {@code \_} keep their
 * backslash (they are LIKE escapes), any other {@code \x} becomes {@code x} (MySQL and StarRocks
 * rules).
 */
public record StringLiteral(String value, Position position) implements Literal {

  public StringLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitStringLiteral(this);
  }
}
