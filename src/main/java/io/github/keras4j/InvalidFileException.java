package io.github.keras4j;

import java.nio.file.Path;

/**
 * A file keras4j was asked to read is not what it should be: damaged, truncated, hostile, or of a kind keras4j does
 * not read. The message names the file and, where there is one, the entry, key or object that is wrong, in words
 * ({@code model.h5: dataset 'model_weights/dense/dense/kernel:0' declares shape [1000000, 16] but ...}). Thrown by
 * every loader ({@link Sequential#load}, {@link Model#loadWeights}, {@link Sequential#fromJson(Path)}, run
 * configs); nothing is allocated for a size the file declares before the size is checked against the bytes present.
 * Keras raises {@code ValueError} or {@code OSError} for such files.
 *
 * <p>It is an {@link IllegalArgumentException}, as keras4j's other errors about bad input are. A setting keras4j
 * understands but cannot honour (an unsupported layer type) stays an {@link UnsupportedOperationException}.
 */
public class InvalidFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /** An error about {@code file}; the message is prefixed with the file's name unless it already starts with it. */
    public InvalidFileException(Object file, String message) {
        this(file, message, null);
    }

    /** An error about {@code file} with its cause. */
    public InvalidFileException(Object file, String message, Throwable cause) {
        super(named(String.valueOf(file), message), cause);
        this.file = String.valueOf(file);
    }

    /** The file, as it was given to keras4j. */
    public String file() {
        return file;
    }

    private static String named(String file, String message) {
        if (message == null || message.isBlank()) {
            return file + ": the file is damaged or not a file keras4j reads";
        }
        return message.contains(file) ? message : file + ": " + message;
    }

    /**
     * The error a loader reports for {@code file}: keras4j's own errors about bad content (an
     * {@link IllegalArgumentException} thrown by keras4j's code) become an {@code InvalidFileException} naming the
     * file; an {@link UnsupportedOperationException} keeps its type and gains the file's name. Anything else (an
     * error inside DL4J or ND4J, a {@code NullPointerException}) is a bug in a check, and is returned as it is, so
     * that the fuzz tests see it.
     */
    public static RuntimeException of(Object file, RuntimeException error) {
        String name = String.valueOf(file);
        if (error instanceof InvalidFileException invalid) {
            return invalid.getMessage().contains(name) ? invalid : new InvalidFileException(name, invalid.getMessage(),
                    invalid);
        }
        if (error instanceof UnsupportedOperationException && thrownByKeras4j(error)) {
            String message = String.valueOf(error.getMessage());
            return message.contains(name) ? error : new UnsupportedOperationException(name + ": " + message, error);
        }
        if ((error instanceof IllegalArgumentException || error instanceof IllegalStateException)
                && thrownByKeras4j(error)) {
            return new InvalidFileException(name, error.getMessage(), error);
        }
        return error;
    }

    private static boolean thrownByKeras4j(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.github.keras4j.");
    }
}
