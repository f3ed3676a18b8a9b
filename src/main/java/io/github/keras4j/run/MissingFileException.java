package io.github.keras4j.run;

/**
 * A file named on the command line or in a config does not exist: a usage error (exit code 2 on the command line)
 * rather than a failed run.
 */
public class MissingFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MissingFileException(String message) {
        super(message);
    }
}
