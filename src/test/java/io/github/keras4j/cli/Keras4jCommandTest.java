package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's usage: help, version, and errors as one line with the right exit code. */
class Keras4jCommandTest {

    private static final String CONFIG = "configs/tutorial000_xor.json";

    @TempDir
    Path directory;

    /** One line on stderr, starting "keras4j: error: ", no stack trace, nothing on stdout. */
    private static String oneLineError(Cli.Result result, int exitCode) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("keras4j: error: "), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().endsWith(System.lineSeparator()), result.err());
        assertEquals("", result.out());
        return result.err().strip();
    }

    private Path configWith(String from, String to) throws IOException {
        String text = Files.readString(Path.of(CONFIG));
        assertTrue(text.contains(from), from);
        return Files.writeString(directory.resolve("edited.json"), text.replace(from, to));
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exitCode());
        for (String command : new String[] {"train", "evaluate", "predict", "summary", "convert", "sweep"}) {
            assertTrue(result.out().contains("  " + command + " "), result.out());
        }
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : new String[] {"train", "evaluate", "predict", "summary", "convert", "sweep"}) {
            Cli.Result result = Cli.run(command, "--help");
            assertEquals(0, result.exitCode(), command);
            assertTrue(result.out().startsWith("Usage: keras4j " + command), result.out());
        }
        assertTrue(Cli.run("train", "--help").out().contains("--epochs=N"));
    }

    @Test
    void versionNamesKeras4j() {
        Cli.Result result = Cli.run("--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("keras4j "), result.out());
    }

    @Test
    void noCommandIsAUsageError() {
        assertTrue(oneLineError(Cli.run(), 2).contains("missing a command"));
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        String error = oneLineError(Cli.run("train", CONFIG, "--epoch", "3"), 2);
        assertTrue(error.contains("'--epoch'") && error.contains("did you mean --epochs?"), error);
    }

    @Test
    void unknownCommandIsAUsageError() {
        String error = oneLineError(Cli.run("trian", CONFIG), 2);
        assertTrue(error.contains("did you mean train?"), error);
    }

    @Test
    void badOptionValueIsAUsageError() {
        String error = oneLineError(Cli.run("train", CONFIG, "--epochs", "many"), 2);
        assertTrue(error.contains("'many'"), error);
    }

    @Test
    void missingFilesAreUsageErrors() {
        assertEquals("keras4j: error: config file nope.json does not exist",
                oneLineError(Cli.run("train", "nope.json"), 2));
        assertTrue(oneLineError(Cli.run("evaluate", "nope.keras4j", "datasets/xor.csv"), 2).contains("nope.keras4j"));
        assertTrue(oneLineError(Cli.run("summary", "nope.keras4j"), 2).contains("does not exist"));
    }

    @Test
    void missingDataFileIsAUsageError() throws IOException {
        Path config = configWith("datasets/xor.csv", "datasets/nothing.csv");
        assertTrue(oneLineError(Cli.run("train", config.toString()), 2).contains("datasets/nothing.csv"));
    }

    @Test
    void unknownConfigKeyNamesKeyFileAndValidKeys() throws IOException {
        Path config = configWith("\"epochs\": 500", "\"epoch\": 500");
        String error = oneLineError(Cli.run("train", config.toString()), 1);
        assertEquals("keras4j: error: " + config + ": fit: unknown key 'epoch'; did you mean 'epochs'? valid keys: "
                + "epochs, batch_size, verbose, shuffle, validation_split, class_weight, initial_epoch, callbacks",
                error);
    }

    @Test
    void badJsonGivesItsLine() throws IOException {
        Path config = configWith("\"epochs\": 500,", "\"epochs\": 500");
        String error = oneLineError(Cli.run("train", config.toString()), 1);
        assertTrue(error.contains("is not valid JSON") && error.matches(".*\\(line \\d+, column \\d+\\)"), error);
    }

    @Test
    void wrongTypeNamesThePath() throws IOException {
        Path config = configWith("\"epochs\": 500", "\"epochs\": \"500\"");
        assertTrue(oneLineError(Cli.run("train", config.toString()), 1)
                .endsWith("fit.epochs must be a whole number, found the string \"500\""));
    }

    @Test
    void unknownLossSuggestsTheClosest() throws IOException {
        Path config = configWith("\"mean_squared_error\"", "\"mean_sqared_error\"");
        String error = oneLineError(Cli.run("train", config.toString()), 1);
        assertTrue(error.contains("unknown loss 'mean_sqared_error'; did you mean 'mean_squared_error'?"), error);
    }

    @Test
    void badCsvNamesLineAndColumn() throws IOException {
        Path csv = Files.writeString(directory.resolve("bad.csv"), "x1,x2,y\n0,0,0\n0,zz,1\n");
        Path config = configWith("datasets/xor.csv", csv.toString());
        String error = oneLineError(Cli.run("train", config.toString(), "--output", directory.toString()), 1);
        assertTrue(error.contains("bad.csv line 3, column 'x2' (2): 'zz' is not a number"), error);
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path config = configWith("\"epochs\": 500", "\"epoch\": 500");
        Cli.Result result = Cli.run("train", config.toString(), "--debug");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("keras4j: error: "));
        assertTrue(result.err().contains("\tat io.github.keras4j."), result.err());
    }
}
