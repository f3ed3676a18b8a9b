package io.github.keras4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small CSV files for tests. */
final class Csv {

    private Csv() {
    }

    /** Writes {@code lines}, each ended by '\n', to {@code directory/name}. */
    static Path write(Path directory, String name, String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return writeRaw(directory, name, text.toString());
    }

    /** Writes {@code text} exactly. */
    static Path writeRaw(Path directory, String name, String text) {
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A file with columns a, b, c, label and {@code rows} rows: a = i, b = 10 i, c = -i, label = i mod 3. */
    static Path numbered(Path directory, String name, int rows) {
        String[] lines = new String[rows + 1];
        lines[0] = "a,b,c,label";
        for (int i = 0; i < rows; i++) {
            lines[i + 1] = i + "," + (10 * i) + "," + (-i) + "," + (i % 3);
        }
        return write(directory, name, lines);
    }
}
