package dev.sluice.controlplane.error;

import static java.util.Objects.requireNonNull;

/** An error with a stable code and a message meant for the user; never shown with a stack trace. */
public class SluiceException extends RuntimeException {
  private final ErrorCode code;

  public SluiceException(ErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public SluiceException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }
}
