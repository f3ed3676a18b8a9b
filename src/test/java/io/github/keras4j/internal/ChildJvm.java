package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM on this test run's classpath less some jars: an application that depends on
 * keras4j without its optional dependencies.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The exit code and what the child printed. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs {@code mainClass} with {@code args} on the test classpath less every jar whose file name starts with one
     * of {@code leftOutJars} (e.g. {@code "xchart-"}), each of which must be on the test classpath.
     */
    public static Result runWithout(List<String> leftOutJars, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (leftOutJars.stream().anyMatch(name::startsWith)) {
                leftOut.add(name);
            } else {
                kept.add(entry);
            }
        }
        for (String jar : leftOutJars) {
            assertTrue(leftOut.stream().anyMatch(name -> name.startsWith(jar)),
                    "the test classpath has no " + jar + " jar to leave out: " + System.getProperty("java.class.path"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, kept), mainClass));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("keras4j-child", ".out");
        Path err = Files.createTempFile("keras4j-child", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child JVM running " + mainClass + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
