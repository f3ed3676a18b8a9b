package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.InvalidFileException;
import io.github.keras4j.Sequential;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The HDF5 helper process: HDF5 files are read by the HDF5 library in a process of their own, so that a damaged file
 * that makes the library loop forever (a fuzz finding: a damaged global heap under a variable-length attribute) or
 * crash ends in an error naming the file, and keras4j goes on with a new helper.
 */
class Hdf5ProcessTest {

    private static final Path XOR = KerasFixtures.file("edycoleee__ml2025/xor_model.h5");

    @TempDir
    Path folder;

    @Test
    void aFileThatHangsTheHdf5LibraryIsStoppedWithAnErrorNamingIt() throws Exception {
        Path hanging = resource("/io/github/keras4j/fuzz/LoaderFuzzTestInputs/kerasHdf5/"
                + "hang-damaged-global-heap-model_config.h5");
        String previous = System.setProperty(Hdf5Process.TIMEOUT_PROPERTY, "2");
        long start = System.nanoTime();
        InvalidFileException error;
        try {
            error = assertThrows(InvalidFileException.class, () -> Sequential.load(hanging));
        } finally {
            restore(Hdf5Process.TIMEOUT_PROPERTY, previous);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(error.getMessage().contains(hanging.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("did not finish reading attribute model_config of the file's root "
                + "within 2 s"), error.getMessage());
        assertTrue(seconds < 60, "took " + seconds + " s");
        // The next file gets a new helper.
        assertEquals(2, Sequential.load(XOR).layers().size());
    }

    @Test
    void aHelperThatDiesWhileAFileIsOpenIsReportedAndReplaced() throws Exception {
        try (KerasH5File h5 = KerasH5File.open(XOR, "a Keras model")) {
            assertTrue(h5.hasAttribute("", "model_config"));
            ProcessHandle helper = Hdf5Process.running().orElseThrow();
            helper.destroyForcibly();
            helper.onExit().get(30, TimeUnit.SECONDS);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> h5.members(""));
            assertTrue(error.getMessage().startsWith(XOR + ": cannot read the file's root: keras4j's HDF5 reader "
                    + "ended"), error.getMessage());
        }
        try (KerasH5File h5 = KerasH5File.open(XOR, "a Keras model")) {
            assertEquals(List.of("model_weights"), h5.members("").stream().filter(name -> name.startsWith("model"))
                    .toList());
            assertNotEquals(-1, Hdf5Process.running().orElseThrow().pid());
        }
    }

    @Test
    void theHelperReadsWhatTheLibraryReadsInThisJvm() {
        String previous = System.setProperty(KerasH5File.IN_PROCESS_PROPERTY, "true");
        String configInProcess;
        INDArray kernelInProcess;
        try (KerasH5File h5 = KerasH5File.open(XOR, "a Keras model")) {
            configInProcess = h5.stringAttribute("", "model_config");
            kernelInProcess = h5.dataset(kernelPath(h5));
        } finally {
            restore(KerasH5File.IN_PROCESS_PROPERTY, previous);
        }
        try (KerasH5File h5 = KerasH5File.open(XOR, "a Keras model")) {
            assertEquals(configInProcess, h5.stringAttribute("", "model_config"));
            INDArray kernel = h5.dataset(kernelPath(h5));
            assertEquals(kernelInProcess.dataType(), kernel.dataType());
            assertArrayEquals(kernelInProcess.shape(), kernel.shape());
            assertEquals(kernelInProcess, kernel);
            IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                    () -> h5.dataset(kernelPath(h5), new long[] {7, 7}));
            assertTrue(wrongShape.getMessage().startsWith(XOR + ": dataset"), wrongShape.getMessage());
        }
    }

    /** A JVM killed with -9 while it holds an open HDF5 file leaves no helper behind. */
    @Test
    void theHelperEndsWithTheJvmThatStartedIt() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenAndWait.class.getName(), XOR.toString())
                .redirectErrorStream(true).directory(folder.toFile()).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals(OpenAndWait.OPENED));
            assertEquals(OpenAndWait.OPENED, line, "the child JVM did not open the file");
            List<ProcessHandle> helpers = owner.toHandle().descendants().toList();
            assertFalse(helpers.isEmpty(), "no helper process");
            owner.destroyForcibly();
            for (ProcessHandle helper : helpers) {
                helper.onExit().get(30, TimeUnit.SECONDS);
            }
        } finally {
            owner.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.toList(), "files left in the working folder");
        }
    }

    /** Opens an HDF5 file, says so and waits to be killed. */
    static final class OpenAndWait {
        static final String OPENED = "opened";

        public static void main(String[] args) throws Exception {
            try (KerasH5File h5 = KerasH5File.open(Path.of(args[0]), "a Keras model")) {
                h5.members("");
                System.out.println(OPENED);
                Thread.sleep(600_000);
            }
        }
    }

    private static String kernelPath(KerasH5File h5) {
        String layer = "model_weights/" + h5.members("model_weights").get(0);
        return layer + "/" + h5.stringsAttribute(layer, "weight_names").get(0);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Hdf5ProcessTest.class.getResource(name).toURI());
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
