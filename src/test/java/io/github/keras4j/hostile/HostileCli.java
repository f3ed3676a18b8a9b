package io.github.keras4j.hostile;

import io.github.keras4j.cli.Keras4jCommand;
import io.github.keras4j.internal.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The child JVM of {@link HostileFilesTest}: runs each case's command line in this JVM (started with -Xmx1g in the
 * cases' folder) and prints one tab-separated line per case: kind, exit code, milliseconds, the number of lines on
 * standard error, its first line, and the files the command left outside the output folder (new or changed) or as
 * temporary files anywhere.
 */
public final class HostileCli {

    private HostileCli() {
    }

    public static void main(String[] args) throws Exception {
        Path cases = Path.of(args[0]);
        Path folder = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]).toAbsolutePath();
        Path temporaryFolder = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hostile-case");
            thread.setDaemon(true);
            return thread;
        });
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        StringBuilder report = new StringBuilder();
        for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            String kind = parts[0];
            String[] command = Arrays.copyOfRange(parts, 2, parts.length);
            Map<Path, String> before = snapshot(folder, out);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            long start = System.nanoTime();
            String exit;
            Future<Integer> run = runner.submit(() -> Keras4jCommand.execute(command));
            try {
                exit = String.valueOf(run.get(60, TimeUnit.SECONDS));
            } catch (TimeoutException hang) {
                exit = "HANG";
            } catch (Exception e) {
                exit = "THREW " + e.getCause();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.setOut(originalOut);
            System.setErr(originalErr);
            Map<Path, String> after = snapshot(folder, out);
            List<String> left = new ArrayList<>();
            after.forEach((file, state) -> {
                if (!state.equals(before.get(file))) {
                    left.add(folder.relativize(file).toString());
                }
            });
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(file -> AtomicFiles.isTemporary(file) || file.startsWith(temporaryFolder)
                        && !file.equals(temporaryFolder))
                        .forEach(file -> left.add("temporary " + folder.relativize(file)));
            }
            String[] errLines = err.toString(StandardCharsets.UTF_8).split("\\R");
            int errCount = err.size() == 0 ? 0 : errLines.length;
            report.append(kind).append('\t').append(exit).append('\t').append(millis).append('\t').append(errCount)
                    .append('\t').append(errCount == 0 ? "" : errLines[0].replace('\t', ' ')).append('\t')
                    .append(String.join(", ", left)).append('\n');
            if (exit.equals("HANG")) {
                break;
            }
        }
        Files.writeString(Path.of(args[3]), report.toString(), StandardCharsets.UTF_8);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Every file under {@code folder} but the output folder, with its size and modification time. */
    private static Map<Path, String> snapshot(Path folder, Path out) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(file -> !file.startsWith(out)).filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(file, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
                } catch (IOException e) {
                    files.put(file, "unreadable");
                }
            });
        }
        return files;
    }
}
