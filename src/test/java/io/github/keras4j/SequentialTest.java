package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.metrics.Precision;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {

    private static final float[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] XOR_Y = {{0}, {1}, {1}, {0}};

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static Sequential xorModel() {
        Sequential model = new Sequential().seed(42);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mse", "binary_accuracy");
        return model;
    }

    /** One softmax unit outputs 1.0 whatever it is given, whichever layer applies the softmax. */
    @Test
    void compileRefusesOneSoftmaxUnit() {
        List<List<Layer>> models = List.of(
                List.of(new Dense(1, "softmax").inputDim(2)),
                List.of(new Dense(1).inputDim(2), new Activation("softmax")),
                List.of(new Dense(1).inputDim(2), new Softmax()));
        for (List<Layer> layers : models) {
            Sequential model = new Sequential();
            layers.forEach(model::add);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.compile("adam", "binary_crossentropy"));
            assertTrue(error.getMessage().contains("whose output is always 1.0"), error.getMessage());
        }
        Sequential sigmoid = new Sequential();
        sigmoid.add(new Dense(1, "sigmoid").inputDim(2));
        sigmoid.compile("adam", "binary_crossentropy");
    }

    @Test
    void namesLayersAndModelsAsKerasDoes() {
        Sequential model = new Sequential(new Dense(4).inputDim(2), new Dense(4), new Dropout(0.1), new Dense(1));
        assertEquals("sequential", model.name());
        assertEquals(List.of("dense", "dense_1", "dropout", "dense_2"),
                model.layers().stream().map(l -> l.name()).toList());
        assertEquals("sequential_1", new Sequential().name());
        assertEquals("dense_3", new Sequential(new Dense(1).inputDim(1)).layers().get(0).name());
    }

    @Test
    void rejectsDuplicateLayerNames() {
        Sequential model = new Sequential(new Dense(4).name("hidden").inputDim(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Dense(1).name("hidden")));
        assertEquals("All layers added to a Sequential model should have unique names. Name 'hidden' is already the "
                + "name of a layer in this model.", error.getMessage());
    }

    @Test
    void summaryPrintsTfKeras211Table() {
        Sequential model = new Sequential(new Dense(16, "relu").inputDim(2), new Dense(1, "sigmoid"));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        List<String> expected = List.of(
                "Model: \"sequential\"",
                "_________________________________________________________________",
                " Layer (type)                Output Shape              Param #   ",
                "=================================================================",
                " dense (Dense)               (None, 16)                48        ",
                "                                                                 ",
                " dense_1 (Dense)             (None, 1)                 17        ",
                "                                                                 ",
                "=================================================================",
                "Total params: 65",
                "Trainable params: 65",
                "Non-trainable params: 0",
                "_________________________________________________________________");
        assertEquals(expected, lines);
    }

    @Test
    void summaryUsesThousandsSeparators() {
        Sequential model = new Sequential(new Dense(1024).inputDim(784), new Dense(10));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        assertTrue(lines.contains("Total params: 814,090"), lines.toString());
    }

    @Test
    void fitBeforeCompileIsALifecycleError() {
        Sequential model = new Sequential(new Dense(1).inputDim(2));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.fit(XOR_X, XOR_Y));
        assertTrue(error.getMessage().startsWith("You must compile your model before training/testing it"),
                error.getMessage());
        assertThrows(IllegalStateException.class, () -> model.evaluate(XOR_X, XOR_Y));
    }

    @Test
    void modelsWithoutLayersOrInputSizeSayWhatIsMissing() {
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> new Sequential().compile("adam", "mse"));
        assertEquals("compile() needs a model with layers: add() at least one layer first", empty.getMessage());
        IllegalStateException noInput = assertThrows(IllegalStateException.class,
                () -> new Sequential(new Dense(2)).compile("adam", "mse"));
        assertEquals("compile() needs the input size: the first layer 'dense' has none; give it inputDim(n) or "
                + "inputShape(n), or add an InputLayer first", noInput.getMessage());
    }

    @Test
    void inputChecksNameTheValuesInvolved() {
        Sequential model = xorModel();
        IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[][] {{0, 0, 1}}, new float[][] {{1}}));
        assertEquals("x has 3 columns but the model takes 2 input features (the input size of layer 'dense')",
                columns.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> model.fit(XOR_X, new float[][] {{0}, {1}, {1}}));
        assertEquals("x has 4 rows but y has 3: every sample needs exactly one label row", rows.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> model.fit(XOR_X, new float[][] {{0, 1}, {1, 0}, {1, 0}, {0, 1}}));
        assertEquals("y has 2 columns but the last layer 'dense_1' has 1 units: mean_squared_error needs one label "
                + "column per unit", width.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[][] {{0, 0}, {0, Float.NaN}}, new float[][] {{0}, {1}}));
        assertEquals("x contains NaN at row 1, column 1: every value must be a finite number", nan.getMessage());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[][] {{0, 0}}, new float[][] {{Float.POSITIVE_INFINITY}}));
        assertEquals("y contains Infinity at row 0, column 0: every value must be a finite number",
                infinite.getMessage());
        // Past the in-place check's size, and a view: the native sum finds them.
        float[][] large = new float[3000][2];
        large[2999][0] = Float.NEGATIVE_INFINITY;
        IllegalArgumentException largeInfinite = assertThrows(IllegalArgumentException.class,
                () -> model.predict(large));
        assertEquals("x contains -Infinity at row 2999, column 0: every value must be a finite number",
                largeInfinite.getMessage());
        org.nd4j.linalg.api.ndarray.INDArray view = org.nd4j.linalg.factory.Nd4j.createFromArray(
                new float[][] {{0, 0}, {Float.NaN, 0}, {1, 1}}).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        IllegalArgumentException viewNan = assertThrows(IllegalArgumentException.class, () -> model.predict(view));
        assertEquals("x contains NaN at row 0, column 0: every value must be a finite number", viewNan.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[0][], new float[0][]));
        assertEquals("x has no rows: at least one sample is needed", empty.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[][] {{0, 0}, {1}}, new float[][] {{0}, {1}}));
        assertEquals("x is not rectangular: row 1 has 1 values but row 0 has 2", ragged.getMessage());
    }

    @Test
    void sparseLabelsMustBeClassIndices() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputDim(2));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[][] {{0, 0}, {1, 1}}, new float[][] {{2}, {3}}));
        assertEquals("y row 1 is 3.0, not a class index in [0, 3) for the 3 units of layer 'dense'",
                error.getMessage());
        model.fit(new float[][] {{0, 0}, {1, 1}}, new float[][] {{2}, {0}}, Fit.defaults().verbose(0));
        assertEquals(List.of("loss", "accuracy"), model.metricsNames());
    }

    @Test
    void compileTakesTypedObjectsWhereverNamesWork() {
        Sequential model = new Sequential(new Dense(2, Activations.SOFTMAX).inputDim(2)).seed(8);
        model.compile(new SGD(0.05).momentum(0.9), Losses.CATEGORICAL_CROSSENTROPY, Metrics.CATEGORICAL_ACCURACY,
                new Precision());
        assertEquals(List.of("loss", "categorical_accuracy", "precision"), model.metricsNames());
        assertEquals(0.05, model.optimizer().learningRate());
        assertEquals("categorical_crossentropy", model.loss().kerasName());
        String printed = StdoutCapture.output(() -> model.fit(new float[][] {{0, 1}, {1, 0}, {1, 1}},
                new float[][] {{1, 0}, {0, 1}, {1, 0}}, Fit.epochs(2).batchSize(2).verbose(1)));
        // A metric at or below 1e-3 prints in %.4e, as Keras prints it: precision 0 shows as 0.0000e+00.
        String value = "\\d\\.\\d{4}(e[-+]\\d\\d)?";
        String bar = "2/2 \\[==============================\\] - \\d+s \\d+(s|ms|us)/step - loss: " + value
                + " - categorical_accuracy: " + value + " - precision: " + value;
        assertTrue(printed.matches("Epoch 1/2\n" + bar + "\nEpoch 2/2\n" + bar + "\n"), printed);
    }

    @Test
    void metricsThatCannotFitTheModelAreRejectedAtCompile() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputDim(2));
        assertThrows(IllegalArgumentException.class,
                () -> model.compile("adam", "binary_crossentropy", "categorical_accuracy"));
        assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "mse", "acuracy"));
    }

    @Test
    void evaluateReturnsLossThenMetricsInMetricsNamesOrder() {
        Sequential model = xorModel();
        model.fit(XOR_X, XOR_Y, Fit.epochs(5).verbose(0));
        double[] scores = model.evaluate(Nd4j.createFromArray(XOR_X), Nd4j.createFromArray(XOR_Y), 32, 0);
        assertEquals(List.of("loss", "binary_accuracy"), model.metricsNames());
        assertEquals(2, scores.length);
        INDArray predictions = model.predict(Nd4j.createFromArray(XOR_X), 32, 0);
        double mse = 0;
        for (int i = 0; i < 4; i++) {
            double error = predictions.getDouble(i, 0) - XOR_Y[i][0];
            mse += error * error / 4;
        }
        assertEquals(mse, scores[0], 1e-6);
    }

    @Test
    void predictCutsBatchesAndKeepsRowOrder() {
        Sequential model = new Sequential(new Dense(1).inputDim(1));
        model.setWeights(0, new double[][] {{2.0}}, new double[] {1.0});
        INDArray x = Nd4j.linspace(0, 69, 70).reshape(70, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray y = model.predict(x, 32, 0);
        assertArrayEquals(new long[] {70, 1}, y.shape());
        for (int i = 0; i < 70; i++) {
            assertEquals(2.0 * i + 1, y.getDouble(i, 0), 1e-4);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalHistoryAndPredictions() {
        double[] first = trainAndPredict();
        double[] second = trainAndPredict();
        assertArrayEquals(first, second);
    }

    private static double[] trainAndPredict() {
        Sequential model = new Sequential().seed(123);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dropout(0.2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "binary_accuracy");
        float[][] x = new float[40][2];
        float[][] y = new float[40][1];
        for (int i = 0; i < 40; i++) {
            x[i][0] = (i % 7) / 7f;
            x[i][1] = (i % 5) / 5f;
            y[i][0] = (i % 3 == 0) ? 1 : 0;
        }
        History history = model.fit(x, y, Fit.epochs(6).batchSize(8).verbose(0));
        double[] predictions = model.predict(Nd4j.createFromArray(x), 32, 0).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] all = new double[predictions.length + 12];
        System.arraycopy(predictions, 0, all, 0, predictions.length);
        for (int e = 0; e < 6; e++) {
            all[predictions.length + 2 * e] = history.get("loss").get(e);
            all[predictions.length + 2 * e + 1] = history.get("binary_accuracy").get(e);
        }
        return all;
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        Sequential a = new Sequential(new Dense(4).inputDim(2)).seed(1);
        Sequential b = new Sequential(new Dense(4).inputDim(2)).seed(2);
        assertNotEquals(a.getWeights(0).get(0), b.getWeights(0).get(0));
        assertThrows(IllegalStateException.class, () -> a.seed(3));
    }

    @Test
    void recompilingKeepsTheWeights() {
        Sequential model = xorModel();
        model.fit(XOR_X, XOR_Y, Fit.epochs(3).verbose(0));
        INDArray before = model.getWeights(0).get(0);
        model.compile(new SGD(0.5), "binary_crossentropy", "accuracy");
        assertEquals(before, model.getWeights(0).get(0));
        assertEquals(List.of("loss", "accuracy"), model.metricsNames());
    }

    @Test
    void layersAddedLaterKeepTheWeightsBelow() {
        Sequential model = new Sequential(new Dense(3).inputDim(2)).seed(5);
        INDArray kernel = model.getWeights(0).get(0);
        model.add(new Dense(1));
        assertEquals(kernel, model.getWeights(0).get(0));
        assertEquals(2, model.layers().size());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Dense(2).inputDim(7)));
        assertEquals("layer 'dense_2' declares 7 inputs but the layer before it outputs 1", mismatch.getMessage());
    }

    @Test
    void divergingTrainingStopsAndSaysWhen() {
        Sequential model = new Sequential(new InputLayer(1), new Dense(1)).seed(1);
        model.compile(new SGD(1e6), "mse");
        float[][] x = {{1000}, {-2000}};
        float[][] y = {{1}, {2}};
        TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                () -> model.fit(x, y, Fit.epochs(50).verbose(0)));
        assertTrue(error.getMessage().startsWith("the loss became "), error.getMessage());
        assertTrue(error.getMessage().contains(" at epoch " + error.epoch() + "/50, batch 1/1; training stopped"),
                error.getMessage());
        assertEquals(error.epoch() - 1, error.history().epoch().size());
    }

    @Test
    void float64ModelsComputeInDouble() {
        String previous = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            Sequential model = new Sequential(new Dense(1).inputDim(1));
            assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE,
                    model.network().getLayerWiseConfigurations().getDataType());
            assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE,
                    model.predict(new float[][] {{1}}).dataType());
        } finally {
            Backend.setFloatx(previous);
        }
        assertThrows(IllegalArgumentException.class, () -> Backend.setFloatx("float16"));
    }

    @Test
    void popRemovesTheLastLayerAndKeepsTheWeightsBelow() {
        Sequential model = new Sequential().seed(7);
        model.add(new Dense(4, "relu").inputDim(3));
        model.add(new Dense(2, "relu"));
        List<INDArray> first = model.getWeights(0);
        Layer removed = model.pop();
        assertEquals("dense_1", removed.name());
        assertEquals(1, model.layers().size());
        assertEquals("(None, 4)", model.outputShape().toString());
        assertEquals(first, model.getWeights(0));
        model.add(new Dense(1, "sigmoid"));
        assertEquals(first, model.getWeights(0));
        assertEquals(2, model.getWeights(1).size());

        Sequential empty = new Sequential();
        IllegalStateException error = assertThrows(IllegalStateException.class, empty::pop);
        assertEquals("pop() needs a layer to remove: there are no layers in the model", error.getMessage());
    }

    @Test
    void aSequentialIsAModel() {
        Model model = xorModel();
        model.compile("adam", "mse");
        assertEquals(2, model.layers().size());
        assertEquals(List.of("loss"), model.metricsNames());
    }
}
