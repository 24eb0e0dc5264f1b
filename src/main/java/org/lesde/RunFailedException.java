package org.lesde;

/**
 * A run that started from valid input but could not finish (state blew up, I/O failure).
 * The CLI maps it to exit code 1.
 */
public class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
