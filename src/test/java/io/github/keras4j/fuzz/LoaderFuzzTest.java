package io.github.keras4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.keras4j.InvalidFileException;
import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.CsvFormatException;
import io.github.keras4j.data.NumpyFiles;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.run.ArrayFiles;
import io.github.keras4j.run.MissingFileException;
import io.github.keras4j.run.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One fuzz test per loader: keras4j model files, Keras HDF5 files, Keras 3 {@code .keras} archives, {@code .npz}
 * weights, Keras model JSON, run configs, CSV data and NumPy data files ({@code .npy}, {@code .npz}). Each asserts that the loader either returns or throws
 * keras4j's own error about the file ({@link InvalidFileException}, {@link CsvFormatException}, or an
 * {@link IllegalArgumentException} / {@link UnsupportedOperationException} raised by keras4j's code) whose message
 * names the file in words; any other exception (a {@code NullPointerException}, an error from inside ND4J, an
 * {@code OutOfMemoryError}) is a finding.
 *
 * <p>In a normal build ({@code mvn test}) each test runs the inputs in
 * {@code src/test/resources/io/github/keras4j/fuzz/LoaderFuzzTestInputs/<test>/} (valid files and the broken kinds
 * found so far) as regression tests. {@code mvn -Pfuzz test -Dtest='LoaderFuzzTest#kerasHdf5'} fuzzes one target
 * for {@link #DURATION} (docs/files.md, "Fuzzing").
 */
class LoaderFuzzTest {

    /** How long {@code -Pfuzz} fuzzes one target. */
    static final String DURATION = "10m";

    private static final Path FOLDER = folder();
    /** The model whose weights the weights loaders fill: Dense(4) on 2 inputs, then Dense(1). */
    private static Sequential weightsTarget;

    @FuzzTest(maxDuration = DURATION)
    void keras4jModelFile(byte[] bytes) {
        expectCleanFailure(bytes, "model.keras4j", Sequential::load);
    }

    @FuzzTest(maxDuration = DURATION)
    void kerasHdf5(byte[] bytes) {
        expectCleanFailure(bytes, "model.h5", Sequential::load);
        expectCleanFailure(bytes, "weights.h5", file -> weightsTarget().loadWeights(file));
    }

    @FuzzTest(maxDuration = DURATION)
    void kerasArchive(byte[] bytes) {
        expectCleanFailure(bytes, "model.keras", Sequential::load);
    }

    @FuzzTest(maxDuration = DURATION)
    void npzWeights(byte[] bytes) {
        expectCleanFailure(bytes, "weights.npz", file -> weightsTarget().loadWeights(file));
    }

    @FuzzTest(maxDuration = DURATION)
    void kerasJson(byte[] bytes) {
        expectCleanFailure(bytes, "model.json", Sequential::fromJson);
    }

    @FuzzTest(maxDuration = DURATION)
    void runConfig(byte[] bytes) {
        expectCleanFailure(bytes, "run.json", file -> {
            RunConfig config = RunConfig.read(file);
            config.fitOptions();
            config.requireOutputsInside();
        });
    }

    @FuzzTest(maxDuration = DURATION)
    void csv(byte[] bytes) {
        expectCleanFailure(bytes, "data.csv", file -> {
            CsvDataset dataset = new CsvDataset(file);
            List<String> header = dataset.header();
            if (header.size() > 1) {
                dataset = dataset.labelColumns(header.get(header.size() - 1));
            }
            dataset.load();
        });
    }

    @FuzzTest(maxDuration = DURATION)
    void numpyData(byte[] bytes) {
        expectCleanFailure(bytes, "data.npy", NumpyFiles::load);
        expectCleanFailure(bytes, "data.npz", NumpyFiles::loadAll);
        // One named array of an archive, as run configs and the tutorial read x and y (its names listed when absent).
        expectCleanFailure(bytes, "data.npz", file -> NumpyFiles.load(file, "x"));
    }

    /**
     * NumPy data checked against a model (run configs' {@code .npz}/{@code .npy} data, {@code ./keras4j evaluate} and
     * {@code predict}): shapes, the label columns, finite values.
     */
    @FuzzTest(maxDuration = DURATION)
    void numpyDataForModel(byte[] bytes) {
        expectCleanFailure(bytes, "data.npz",
                file -> ArrayFiles.archive(file, "x", "y").load(weightsTarget(), null, "float32"));
        expectCleanFailure(bytes, "features.npy",
                file -> new ArrayFiles(file, null, file, null).loadX(weightsTarget(), "float32"));
    }

    /** Writes the input to {@code name} and runs the loader on it; anything but a clean error is rethrown. */
    static void expectCleanFailure(byte[] bytes, String name, Consumer<Path> loader) {
        Path file = FOLDER.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            loader.accept(file);
        } catch (InvalidFileException | CsvFormatException | MissingFileException e) {
            requireNamesTheFile(e, file, bytes);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            if (!thrownByKeras4j(e)) {
                throw e;
            }
            requireNamesTheFile(e, file, bytes);
        }
    }

    /** The message names the file and speaks no Java, unless the Java words came from the file itself. */
    private static void requireNamesTheFile(RuntimeException e, Path file, byte[] bytes) {
        String input = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String message = e.getMessage();
        if (message == null || !message.contains(file.getFileName().toString())) {
            throw new AssertionError("the error does not name the file " + file + ": " + message, e);
        }
        for (String javaWords : List.of("java.lang.", "java.util.", "org.nd4j.", "org.bytedeco.", "Exception:")) {
            if (message.contains(javaWords) && !input.contains(javaWords)) {
                throw new AssertionError("the error speaks Java (" + javaWords + "): " + message, e);
            }
        }
    }

    private static boolean thrownByKeras4j(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.github.keras4j.");
    }

    private static synchronized Sequential weightsTarget() {
        if (weightsTarget == null) {
            Sequential model = new Sequential();
            model.add(new Dense(4, "relu").inputDim(2));
            model.add(new Dense(1, "sigmoid"));
            model.seed(1);
            weightsTarget = model;
        }
        return weightsTarget;
    }

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("keras4j-fuzz-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(folder)) {
                    files.forEach(file -> file.toFile().delete());
                } catch (IOException ignored) {
                    // A temporary folder: the system cleans it in the end.
                }
                folder.toFile().delete();
            }));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
