package io.github.keras4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Runs code with System.out captured, for tests of what the model prints. */
public final class StdoutCapture {

    private StdoutCapture() {
    }

    /** What {@code action} printed and what it returned. */
    public record Captured<T>(String output, T value) {
    }

    public static <T> Captured<T> capture(Supplier<T> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            T value = action.get();
            return new Captured<>(bytes.toString(StandardCharsets.UTF_8), value);
        } finally {
            System.setOut(original);
        }
    }

    public static String output(Runnable action) {
        return capture(() -> {
            action.run();
            return null;
        }).output();
    }
}
