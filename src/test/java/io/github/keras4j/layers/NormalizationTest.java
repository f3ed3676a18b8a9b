package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.keras.KerasJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Normalization} layer: {@code adapt}, the formula, its weights, configs and files, against Keras 3.15's
 * own outputs written by {@code keras4j__keras3-gold/normalization/make_normalization_gold.py}.
 */
class NormalizationTest {

    private static final Path GOLD = Path.of("src/test/resources/keras/keras4j__keras3-gold/normalization");

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static double[][] csv(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(GOLD.resolve(name))) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
    }

    private static void assertClose(double[][] expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, actual.shape(), what);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1, Math.abs(expected[i][j]));
                assertEquals(expected[i][j], actual.getDouble(i, j), tolerance * scale, what + " [" + i + ", " + j + "]");
            }
        }
    }

    @Test
    void adaptComputesKerasMeanAndPopulationVariance() throws IOException {
        Map<String, Object> gold = KerasJson.read(Files.readString(GOLD.resolve("adapt_statistics.json")), "gold");
        Normalization adapted = new Normalization().adapt(csv("adapt_data.csv"));
        double[] mean = doubles(gold.get("mean"));
        double[] variance = doubles(gold.get("variance"));
        for (int i = 0; i < mean.length; i++) {
            assertEquals(mean[i], adapted.adaptedMean()[i], 1e-6 * Math.max(1, Math.abs(mean[i])));
            assertEquals(variance[i], adapted.adaptedVariance()[i], 1e-6 * Math.max(1e-3, variance[i]));
        }
        // adapt() returns an adapted copy; the layer itself keeps Keras's initial statistics.
        assertNull(new Normalization().adaptedMean());
    }

    @Test
    void computesKerasFormulaWithEpsilonAndItsInverse() {
        Sequential model = new Sequential(new Normalization().statistics(new double[] {1, -2, 3},
                new double[] {4, 0.25, 0}).inputDim(3));
        INDArray y = model.predict(new float[][] {{3, -1, 3}, {1, -2, 3.5f}});
        // sqrt(0) is raised to Keras's epsilon 1e-7.
        assertArrayEquals(new float[] {1, 2, 0, 0, 0, 5e6f}, y.data().asFloat());

        Sequential inverse = new Sequential(new Normalization(new double[] {1}, new double[] {4}).invert(true)
                .inputDim(2));
        assertArrayEquals(new float[] {3, -1}, inverse.predict(new float[][] {{1, -1}}).data().asFloat());
    }

    @Test
    void adaptedStatisticsAreNonTrainableWeightsThatFitLeavesAlone(@TempDir Path directory) {
        float[][] x = {{0, 10}, {2, 30}, {4, 20}, {6, 40}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential model = new Sequential().seed(3);
        model.add(new Normalization().adapt(x).inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        List<String> summary = new ArrayList<>();
        model.summary(summary::add);
        assertTrue(summary.contains(" normalization (Normalizati  (None, 2)                 5         "), summary.toString());
        assertTrue(summary.contains("Trainable params: 17"), summary.toString());
        assertTrue(summary.contains("Non-trainable params: 5"), summary.toString());

        List<INDArray> before = model.getWeights(0);
        assertArrayEquals(new double[] {3, 25}, before.get(0).castTo(DataType.DOUBLE).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {5, 125}, before.get(1).castTo(DataType.DOUBLE).toDoubleVector(), 1e-5);
        assertEquals(0, before.get(1 + 1).rank());
        assertEquals(DataType.LONG, before.get(2).dataType());
        INDArray dense = model.getWeights(1).get(0).dup();
        model.fit(x, y, Fit.epochs(20).verbose(0));
        assertEquals(before, model.getWeights(0));
        assertTrue(!dense.equals(model.getWeights(1).get(0)), "the Dense layer after it trains");

        INDArray expected = model.predict(x);
        for (String name : List.of("m.keras4j", "m.keras", "m.h5", "w.npz")) {
            Path file = directory.resolve(name);
            Sequential reloaded;
            if (name.endsWith(".npz")) {
                model.saveWeights(file);
                Backend.clearSession();
                reloaded = new Sequential(new Normalization().inputDim(2), new Dense(4, "relu"),
                        new Dense(1, "sigmoid"));
                reloaded.loadWeights(file);
            } else {
                model.save(file);
                Backend.clearSession();
                reloaded = Sequential.load(file);
            }
            assertEquals("Normalization", reloaded.layers().get(0).className(), name);
            assertEquals(expected, reloaded.predict(x), name);
        }
    }

    @Test
    void aNormalizationPutInFrontOfATrainedModelKeepsItsWeights() {
        float[][] x = {{1, 10}, {3, 30}, {5, 20}, {7, 40}};
        Sequential model = new Sequential(new Dense(3, "relu").inputDim(2), new Dense(1)).seed(5);
        model.compile("sgd", "mse");
        model.fit(x, new float[][] {{0}, {1}, {1}, {0}}, Fit.epochs(3).verbose(0));
        Normalization layer = new Normalization().adapt(x);
        INDArray scaled = Nd4j.createFromArray(x).subRowVector(Nd4j.createFromArray(new float[] {4, 25}))
                .divRowVector(Nd4j.createFromArray(new float[] {(float) Math.sqrt(5), (float) Math.sqrt(125)}));
        INDArray expected = model.predict(scaled);

        model.normalization(layer);
        assertEquals(List.of("Normalization", "Dense", "Dense"), model.layers().stream().map(Layer::className)
                .toList());
        assertEquals(expected, model.predict(x));
        assertTrue(model.normalization() != null);
        // A second normalization takes the place of the first one's statistics.
        model.normalization(new Normalization().statistics(new double[] {0, 0}, new double[] {1, 1}));
        assertEquals(3, model.layers().size());
        assertArrayEquals(new double[] {0, 0}, model.getWeights(0).get(0).castTo(DataType.DOUBLE).toDoubleVector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"adapted", "given", "inverted"})
    void kerasFilesPredictAsKeras(String name) throws IOException {
        double[][] inputs = csv(name + "_inputs.csv");
        double[][] predictions = csv(name + "_predictions.csv");
        for (String file : List.of(name + ".keras", name + ".h5")) {
            Backend.clearSession();
            Sequential model = Sequential.load(GOLD.resolve(file));
            assertClose(predictions, model.predict(Nd4j.createFromArray(inputs).castTo(DataType.FLOAT)), 1e-5, file);
            // Through keras4j's Keras config and back: the same model.
            Backend.clearSession();
            Sequential again = Sequential.fromJson(model.toJson());
            for (int i = 0; i < model.layers().size(); i++) {
                again.setWeights(i, model.getWeights(i).toArray(new INDArray[0]));
            }
            assertEquals(model.predict(Nd4j.createFromArray(inputs)), again.predict(Nd4j.createFromArray(inputs)),
                    file);
        }
    }

    @Test
    void configsOfTfKerasAndKeras3AreRead() {
        String tfKeras = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"Normalization\", \"config\": {\"name\": \"n\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, 2], \"dtype\": \"float32\", \"axis\": [-1], \"invert\": false, "
                + "\"mean\": [1.0, 2.0], \"variance\": [4.0, 16.0]}}]}}";
        Sequential model = Sequential.fromJson(tfKeras);
        assertArrayEquals(new float[] {1, 0.5f}, model.predict(new float[][] {{3, 4}}).data().asFloat());
        Map<String, Object> config = model.layers().get(0).config();
        assertEquals(List.of(-1), config.get("axis"));
        assertEquals(List.of(1.0, 2.0), config.get("mean"));
        assertEquals(false, config.get("invert"));
        assertEquals(List.of(-1), model.layers().get(0).keras3Config().get("axis"));
        // tf.keras 2.3-2.5's experimental layer wrote only its axis, a number.
        Sequential older = Sequential.fromJson(tfKeras.replace(", \"invert\": false, \"mean\": [1.0, 2.0], "
                + "\"variance\": [4.0, 16.0]", "").replace("[-1]", "-1"));
        assertEquals(5, older.layers().get(0).countParams(2));
    }

    @Test
    void whatKeras4jCannotHonourIsRefused() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"Normalization\", \"config\": {\"name\": \"n\", \"batch_input_shape\": [null, 2], "
                + "\"axis\": AXIS, \"mean\": MEAN, \"variance\": null}}]}}";
        Exception axis = assertThrows(RuntimeException.class,
                () -> Sequential.fromJson(json.replace("AXIS", "null").replace("MEAN", "null")));
        assertTrue(axis.getMessage().contains("Normalization over axis null is not supported; only axis=-1"),
                axis.getMessage());
        Exception half = assertThrows(RuntimeException.class,
                () -> Sequential.fromJson(json.replace("AXIS", "-1").replace("MEAN", "[1, 2]")));
        assertTrue(half.getMessage().contains("both `mean` and `variance` must be set"), half.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0, -1));
        assertThrows(IllegalStateException.class, () -> new Normalization(0, 1).adapt(new float[][] {{1}}));
        Sequential wrongWidth = new Sequential(new Normalization().statistics(new double[] {0, 0, 0},
                new double[] {1, 1, 1}).inputDim(2));
        Exception width = assertThrows(IllegalArgumentException.class, () -> wrongWidth.predict(new float[][] {{1, 2}}));
        assertTrue(width.getMessage().contains("has 3 means and variances (adapted) but its input has 2 features"),
                width.getMessage());
    }
}
