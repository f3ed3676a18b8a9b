package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.data.NormalizerConfig;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.layers.Layer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipFile;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j model files written before the normalizer became a layer (by main e1e000f, whose metadata carries a
 * standardize or min-max normalizer) load as models whose first layer is that Normalization, and predict what the old
 * model predicted.
 */
class LegacyNormalizerFilesTest {

    private static final Path FOLDER = Path.of("src/test/resources/io/github/keras4j/old-normalizer");

    @ParameterizedTest
    @ValueSource(strings = {"standardize", "min_max"})
    void anOldFilesNormalizerBecomesTheFirstLayerAndPredictsAsBefore(String kind, @TempDir Path directory)
            throws IOException {
        Sequential model = Sequential.load(FOLDER.resolve("gaussian_xor_" + kind + ".keras4j"));
        assertEquals(List.of("Normalization", "Dense", "Dense"),
                model.layers().stream().map(Layer::className).toList());
        List<String> lines = Files.readAllLines(FOLDER.resolve("gaussian_xor_" + kind + "_predictions.csv"));
        float[][] x = new float[lines.size() - 1][];
        double[][] expected = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            x[i] = new float[] {Float.parseFloat(cells[0]), Float.parseFloat(cells[1])};
            expected[i] = new double[] {Double.parseDouble(cells[2]), Double.parseDouble(cells[3])};
        }
        // The layer scales as the old normalizer did, bit for bit.
        Map<String, Object> metadata;
        try (ZipFile zip = new ZipFile(FOLDER.resolve("gaussian_xor_" + kind + ".keras4j").toFile())) {
            metadata = KerasJson.read(new String(zip.getInputStream(zip.getEntry("keras4j.json")).readAllBytes(),
                    StandardCharsets.UTF_8), "keras4j.json");
        }
        @SuppressWarnings("unchecked")
        DataNormalization old = NormalizerConfig.fromConfig((Map<String, Object>) metadata.get("normalizer"), kind);
        INDArray scaled = Nd4j.createFromArray(x);
        old.transform(scaled);
        assertEquals(scaled, model.network().feedForwardToLayer(0, Nd4j.createFromArray(x), false).get(1));
        // The predictions are the old model's (main e1e000f loading this file predicts the same numbers) to within one
        // float32 rounding step: the Dense layers now take their input from a layer of the network rather than from
        // the caller's array (about 6e-8 on one of the eight values, min_max's second row).
        INDArray predicted = model.predict(x).castTo(DataType.DOUBLE);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], predicted.getRow(i).toDoubleVector(), 1.2e-7, "row " + i);
        }
        // The History and the optimizer state came along; saved again, the file holds the layer.
        assertEquals(2, model.history().epoch().size());
        Path again = directory.resolve("again.keras4j");
        model.save(again);
        Sequential reloaded = Sequential.load(again);
        assertEquals(model.predict(x), reloaded.predict(x));
        assertEquals(model.network().getUpdater().getStateViewArray(),
                reloaded.network().getUpdater().getStateViewArray());
        model.fit(Nd4j.createFromArray(x), Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}}),
                Fit.epochs(1).verbose(0));
    }
}
