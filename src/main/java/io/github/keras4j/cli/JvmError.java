package io.github.keras4j.cli;

import io.github.keras4j.internal.FileLimits;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Pointer;

/**
 * A JVM {@link Error} met by a command (out of memory, out of stack), as one line of words: {@code not enough memory
 * to train configs/big.json (needs about 1,536 MB; raise -Xmx with KERAS4J_JAVA_OPTS)}. The error is the cause, for
 * {@code --debug}.
 */
final class JvmError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** JavaCPP's "totalBytes (A + B) > maxBytes (C)" and ND4J's allocation of a given size. */
    private static final Pattern WITHIN_LIMITS = Pattern.compile("\\((\\d+) \\+ (\\d+)\\) > maxBytes");
    private static final Pattern POINTER = Pattern.compile("new (Byte|Short|Int|Long|Float|Double|)Pointer\\((\\d+)\\)");

    JvmError(String message, Error cause) {
        super(message, cause);
    }

    static String describe(Error error, String activity) {
        if (error instanceof OutOfMemoryError) {
            long needed = needed(error);
            long limit = Math.max(Runtime.getRuntime().maxMemory(), FileLimits.maxArrayBytes());
            String hint = String.format(Locale.ROOT, "raise -Xmx with KERAS4J_JAVA_OPTS, e.g. KERAS4J_JAVA_OPTS=-Xmx%dg",
                    Math.max(2, (Math.max(needed, limit) >> 30) + 2));
            return "not enough memory to " + activity + " (" + (needed > 0 ? "needs about " + FileLimits.bytes(needed)
                    : "needs more than the " + FileLimits.bytes(limit) + " this JVM may use") + "; " + hint + ")";
        }
        if (error instanceof StackOverflowError) {
            return "ran out of stack space while running " + activity + " (a file nested too deeply?)";
        }
        String message = error.getMessage();
        return "failed while running " + activity + ": " + (message == null || message.isBlank()
                ? "an internal JVM error (run with --debug for the stack trace)" : message);
    }

    /** The bytes the failed allocation needed in all, when the error says so, or 0. */
    private static long needed(Error error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher limits = WITHIN_LIMITS.matcher(message);
            if (limits.find()) {
                return Long.parseLong(limits.group(1)) + Long.parseLong(limits.group(2));
            }
            Matcher pointer = POINTER.matcher(message);
            if (pointer.find()) {
                long size = switch (pointer.group(1)) {
                    case "Short" -> 2;
                    case "Int", "Float" -> 4;
                    case "Long", "Double" -> 8;
                    default -> 1;
                };
                try {
                    return Math.addExact(Pointer.totalBytes() + usedHeap(), Math.multiplyExact(size,
                            Long.parseLong(pointer.group(2))));
                } catch (ArithmeticException | NumberFormatException overflow) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return 0;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
