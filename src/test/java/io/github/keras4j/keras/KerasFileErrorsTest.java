package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not Keras models, or are broken: one clear error naming the file and what was expected. */
class KerasFileErrorsTest {

    @TempDir
    Path directory;

    @BeforeEach
    void session() {
        Backend.clearSession();
    }

    private static String loadError(Path file) {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Sequential.load(file));
        assertTrue(error instanceof IllegalArgumentException || error instanceof UnsupportedOperationException,
                error.toString());
        return error.getMessage();
    }

    @Test
    void aTextFileIsNoneOfTheFormats() throws IOException {
        Path text = Files.writeString(directory.resolve("model.h5"), "just text, named like a model");
        assertEquals(text + " is not a keras4j model file, a Keras 3 .keras file or a Keras HDF5 file (it starts "
                + "with neither the zip nor the HDF5 signature); expected " + ModelFileFormat.EXPECTED, loadError(text));
        Path empty = Files.write(directory.resolve("empty.keras"), new byte[0]);
        assertTrue(loadError(empty).startsWith(empty + " is not a keras4j model file"));
    }

    @Test
    void aTruncatedHdf5FileSaysSoInOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFixtures.file("deeplearning4j__dl4j-test-resources/optimizers/adam.h5"));
        for (int length : new int[] {8, 1000, bytes.length / 2}) {
            Path cut = Files.write(directory.resolve("cut" + length + ".h5"), Arrays.copyOf(bytes, length));
            assertEquals(cut + " is not a readable HDF5 file: it starts like one but the HDF5 library cannot open it "
                    + "(truncated or damaged?); expected a Keras HDF5 model file", loadError(cut));
        }
    }

    @Test
    void aDamagedGroupIsNamedInWords() throws IOException {
        // The fuzz finding whose damaged global heap hangs model_config also breaks the root group's link table.
        Path damaged = directory.resolve("damaged.weights.h5");
        try (var in = KerasFileErrorsTest.class.getResourceAsStream(
                "/io/github/keras4j/fuzz/LoaderFuzzTestInputs/kerasHdf5/hang-damaged-global-heap-model_config.h5")) {
            Files.copy(in, damaged);
        }
        Sequential model = new Sequential(new Dense(4).inputDim(2), new Dense(1));
        assertEquals(damaged + ": cannot list the file's root group (the HDF5 file is damaged or not what Keras "
                + "writes)", assertThrows(IllegalArgumentException.class, () -> model.loadWeights(damaged))
                .getMessage());
    }

    @Test
    void aZipOfSomethingElseListsItsEntries() throws IOException {
        Path zip = directory.resolve("photos.keras");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("photo.jpg"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
            out.putNextEntry(new ZipEntry("config.json"));
            out.write("{}".getBytes());
            out.closeEntry();
        }
        assertEquals(zip + " is a zip archive but not a keras4j model file or a Keras 3 .keras file: it has neither "
                + "keras4j.json nor config.json with model.weights.h5 (entries: [photo.jpg, config.json]); expected "
                + ModelFileFormat.EXPECTED, loadError(zip));
    }

    @Test
    void aTruncatedKerasArchiveSaysSo() throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFixtures.file("mehmetsefabalik__neuralnet/xor_model.keras"));
        Path cut = Files.write(directory.resolve("cut.keras"), Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(loadError(cut).startsWith(cut + " is not a complete zip archive ("), loadError(cut));
    }

    @Test
    void anHdf5FileThatIsNoKerasModelSaysWhatItHolds() {
        Path gold = KerasFixtures.file(
                "KonduitAI__dl4j-test-resources/examples/activations/ELU_0_inputs_and_outputs.h5");
        assertEquals(gold + " is an HDF5 file but not a Keras model file: its root has no model_config attribute (it "
                + "holds [activations, inputs, outputs, predictions]); expected " + ModelFileFormat.EXPECTED,
                loadError(gold));
        Sequential model = new Sequential(new Dense(1).inputDim(4));
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(gold));
        assertTrue(weights.getMessage().startsWith(gold + " is an HDF5 file but holds no Keras weights"),
                weights.getMessage());
    }

    @Test
    void aWeightsOnlyFilePointsToLoadWeights() {
        Path weights = KerasFixtures.file("KonduitAI__dl4j-test-resources/examples/activations/ELU_0_weights.h5");
        assertEquals(weights + " holds only weights (Keras save_weights), no model config: build the model (e.g. "
                + "Sequential.fromJson(configFile)) and call model.loadWeights(ELU_0_weights.h5)",
                loadError(weights));
    }

    @Test
    void configFilesWithLayersKerasFourJLacksNameTheFileTheLayerAndItsPosition() {
        Path qkeras = KerasFixtures.file("fastmachinelearning__example-models/keras/qkeras_3layer.json");
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(qkeras));
        assertTrue(error.getMessage().startsWith(qkeras + ": unsupported layer type 'QDense' at position 1; supported: "
                + "Dense, "), error.getMessage());
        Path missing = directory.resolve("absent.json");
        assertEquals("no such file: " + missing,
                assertThrows(IllegalArgumentException.class, () -> Sequential.fromJson(missing)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = directory.resolve("absent.h5");
        assertEquals("no such file: " + missing, loadError(missing));
        Sequential model = new Sequential(new Dense(1).inputDim(2));
        assertEquals("no such file: " + missing,
                assertThrows(IllegalArgumentException.class, () -> model.loadWeights(missing)).getMessage());
    }

    @Test
    void theKeras3ArchiveLeavesNoTemporaryFileBehind() throws IOException {
        Set<String> before = temporaryFiles();
        Sequential model = new Sequential(new Dense(3, "tanh").inputDim(2), new Dense(1, "sigmoid"));
        Path archive = KerasFixtures.file("mehmetsefabalik__neuralnet/xor_model.keras");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(archive));
        assertEquals(archive + " (model.weights.h5): layers/dense/vars/0 has shape [2, 4] but the kernel of layer "
                + "'dense' (Dense) has shape [2, 3]", error.getMessage());
        assertEquals(before, temporaryFiles());
    }

    private static Set<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("keras4j-") && name.endsWith(".weights.h5"))
                    .collect(Collectors.toSet());
        }
    }
}
