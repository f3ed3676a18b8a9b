package io.github.keras4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs code with System.out (or System.err) captured, for tests of what the model prints. */
public final class StdoutCapture {

    private StdoutCapture() {
    }

    /** What {@code action} printed and what it returned. */
    public record Captured<T>(String output, T value) {
    }

    public static <T> Captured<T> capture(Supplier<T> action) {
        return capture(action, System.out, System::setOut);
    }

    /** What {@code action} printed on System.err and what it returned. */
    public static <T> Captured<T> captureStderr(Supplier<T> action) {
        return capture(action, System.err, System::setErr);
    }

    public static String output(Runnable action) {
        return capture(() -> {
            action.run();
            return null;
        }).output();
    }

    private static <T> Captured<T> capture(Supplier<T> action, PrintStream original, Consumer<PrintStream> redirect) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        redirect.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            T value = action.get();
            return new Captured<>(bytes.toString(StandardCharsets.UTF_8), value);
        } finally {
            redirect.accept(original);
        }
    }
}
