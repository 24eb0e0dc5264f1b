package org.lesde;

/**
 * Bad user input (model file, CLI option, data file). The message is one line that names the
 * offending field and value; the CLI maps it to exit code 2.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
