package io.github.keras4j.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.StdoutCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * About a hundred broken and hostile files ({@link HostileFiles}) through the command line ({@code summary},
 * {@code train}, {@code evaluate}, {@code predict}) in one child JVM with {@code -Xmx1g}, as a user with the default
 * launcher would run them: each must end in exit 1 and one line on standard error naming the file, within a few
 * seconds, writing nothing outside the output folder and leaving no temporary file.
 */
class HostileFilesTest {

    /** A few seconds on a quiet machine; this one is shared, so the limit leaves room. */
    private static final long MAX_MILLIS = 15_000;

    @TempDir
    Path folder;

    @Test
    void everyHostileFileGetsOneLineNamingItAndExitOne() throws Exception {
        Path out = folder.resolve("out");
        List<HostileFiles.Case> cases = StdoutCapture.capture(() -> {
            try {
                return new HostileFiles(folder, out).all();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).value();
        assertTrue(cases.size() >= 100, "only " + cases.size() + " cases");
        StringBuilder list = new StringBuilder();
        Map<String, HostileFiles.Case> byKind = new TreeMap<>();
        for (HostileFiles.Case c : cases) {
            list.append(c.kind()).append('\t').append(c.file()).append('\t').append(String.join("\t", c.args()))
                    .append('\n');
            byKind.put(c.kind(), c);
        }
        Path caseFile = Files.writeString(folder.resolve("cases.tsv"), list.toString());
        Path reportFile = folder.resolve("report.tsv");
        Path temporary = Files.createDirectories(folder.resolve("tmp"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"),
                HostileCli.class.getName(), caseFile.toString(), folder.toString(), out.toString(),
                reportFile.toString())
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the child JVM did not finish");
        assertTrue(Files.exists(reportFile), "no report; the child printed: "
                + Files.readString(folder.resolve("child.log")));
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        List<String> lines = Files.readAllLines(reportFile, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            HostileFiles.Case c = byKind.get(cells[0]);
            String error = cells[4];
            long millis = Long.parseLong(cells[2]);
            slowest = Math.max(slowest, millis);
            System.out.println(cells[0] + " (" + millis + " ms): " + error);
            if (!cells[1].equals("1") || !cells[3].equals("1") || !error.startsWith("keras4j: error: ")
                    || !error.contains(c.file().getFileName().toString()) || millis > MAX_MILLIS
                    || !cells[5].isEmpty()) {
                failures.add(cells[0] + ": exit " + cells[1] + ", " + cells[3] + " lines, " + millis + " ms, left ["
                        + cells[5] + "]: " + error);
            }
        }
        assertEquals(cases.size(), lines.size(), "the child stopped early (a hang?): " + failures);
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n"
                + String.join("\n", failures));
        for (String outside : List.of("/tmp/keras4j-outside.csv", "/tmp/keras4j-plots-outside")) {
            assertFalse(Files.exists(Path.of(outside)), outside + " was written");
        }
        assertFalse(Files.exists(folder.getParent().resolve("escape.csv")));
        System.out.println(cases.size() + " hostile files, slowest " + slowest + " ms");
    }
}
