package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.engine.OptimizerVariables;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Normalization;
import io.github.keras4j.layers.Bidirectional;
import io.github.keras4j.layers.AveragePooling1D;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.GlobalAveragePooling1D;
import io.github.keras4j.layers.GlobalMaxPooling1D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.LayerNormalization;
import io.github.keras4j.layers.MaxPooling1D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.RecurrentLayer;
import io.github.keras4j.layers.SimpleRNN;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.TimeDistributed;
import io.github.keras4j.layers.Cropping1D;
import io.github.keras4j.layers.Cropping2D;
import io.github.keras4j.layers.GaussianDropout;
import io.github.keras4j.layers.GaussianNoise;
import io.github.keras4j.layers.Permute;
import io.github.keras4j.layers.RepeatVector;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.layers.SpatialDropout1D;
import io.github.keras4j.layers.SpatialDropout2D;
import io.github.keras4j.layers.UpSampling1D;
import io.github.keras4j.layers.UpSampling2D;
import io.github.keras4j.layers.ZeroPadding1D;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.BinaryAccuracy;
import io.github.keras4j.metrics.CategoricalAccuracy;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real Keras 3 loads the {@code .keras} and {@code .h5} files keras4j writes, compiled (loss and metric objects
 * with their arguments included), predicts what keras4j predicts (1e-6), restores keras4j's optimizer state, and its
 * next training step is keras4j's (1e-6): models with every layer type Keras 3 has and every optimizer, trained in
 * keras4j. Runs {@code src/test/python/keras_loads_keras4j_files.py} with
 * the Python named by {@code KERAS4J_PYTHON}, else the virtual environment {@code venv-keras} beside the project; skips,
 * saying so, where there is no Python with Keras 3 (CI has none: keras.KerasFileWriterTest checks the same files
 * against real Keras files without Python).
 */
class KerasLoadsKeras4jFilesTest {

    private static final Path SCRIPT = Path.of("src/test/python/keras_loads_keras4j_files.py");
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path directory;

    @Test
    void keras3LoadsPredictsAndTrainsOnKeras4jFiles() throws IOException, InterruptedException {
        String python = pythonWithKeras3();
        Backend.clearSession();
        Random random = new Random(20261206);
        int files = 0;
        for (Map.Entry<String, Case> entry : cases().entrySet()) {
            write(entry.getKey(), entry.getValue(), random);
            files += recurrent(entry.getValue().model()) ? 1 : 2;
        }

        Process process = new ProcessBuilder(python, SCRIPT.toString(), directory.toString())
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the Keras check ran past 10 minutes");
        System.out.println("Keras 3 on keras4j's files:" + System.lineSeparator() + output);
        assertEquals(0, process.exitValue(), output);

        List<Map<String, Object>> reports = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            Map<String, Object> report = KerasJson.read(line, "the Keras check's output");
            if (report.containsKey("case")) {
                reports.add(report);
            }
        }
        assertEquals(files, reports.size(), "one report per .keras and per .h5 file");
        for (Map<String, Object> report : reports) {
            String file = (String) report.get("file");
            assertTrue(number(report, "predictions") <= TOLERANCE, file + ": Keras predicts otherwise: " + report);
            assertTrue(number(report, "optimizer") <= TOLERANCE, file + ": Keras holds another optimizer state: "
                    + report);
            assertTrue(number(report, "restored_difference") <= TOLERANCE || file.endsWith(".h5"), file + ": "
                    + report);
            if (file.endsWith(".keras")) {
                assertEquals(report.get("optimizer_variables"), report.get("restored_by_load_model"),
                        file + ": load_model restores every optimizer variable: " + report);
            }
            if (report.containsKey("step")) {
                assertTrue(number(report, "step") <= TOLERANCE, file + ": Keras's next step differs: " + report);
            }
        }
    }

    /**
     * A model to train in keras4j: its optimizer, loss and metrics (names or objects), its labels (one-hot,
     * binary or numbers), and whether Keras's next step can be compared (no dropout).
     */
    private record Case(Sequential model, Optimizer optimizer, Loss loss, String labels, boolean step,
            Metric... metrics) {
    }

    private static Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("dense_adam", new Case(sequential("dense_adam", new Dense(8, "relu").inputDim(4),
                new Dropout(0.25), new Dense(3, "softmax")), new Adam(0.01),
                new CategoricalCrossentropy().labelSmoothing(0.1), "one-hot", false, Metrics.get("accuracy"),
                new CategoricalAccuracy().name("acc")));
        cases.put("cnn_sgd_momentum", new Case(sequential("cnn_sgd_momentum",
                new Conv2D(3, 2, "relu").inputShape(6, 6, 2), new BatchNormalization(),
                new MaxPooling2D(2).strides(1), new AveragePooling2D(2), new Flatten(), new Dense(2, "sigmoid")),
                new SGD(0.05).momentum(0.9), new BinaryCrossentropy().labelSmoothing(0.05), "binary", true,
                new BinaryAccuracy().threshold(0.6).name("acc60")));
        cases.put("cnn1d_adam", new Case(sequential("cnn1d_adam",
                new Conv1D(4, 3, "relu").padding("causal").dilationRate(2).inputShape(10, 3),
                new LayerNormalization(), new MaxPooling1D(2), new Conv1D(3, 2).strides(2).padding("same"),
                new AveragePooling1D(2).padding("same"), new GlobalAveragePooling1D(), new Dense(2, "softmax")),
                new Adam(0.01), new CategoricalCrossentropy(), "one-hot", true));
        cases.put("global_pooling2d_sgd", new Case(sequential("global_pooling2d_sgd",
                new Conv2D(3, 2, "relu").inputShape(5, 5, 2), new LayerNormalization().center(false),
                new GlobalMaxPooling2D().keepdims(true), new Flatten(), new Dense(2)), new SGD(0.05),
                Losses.get("mse"), "numbers", true));
        cases.put("global_max_pooling1d_keepdims_rmsprop", new Case(sequential("global_max_pooling1d_keepdims_rmsprop",
                new Conv1D(3, 2, "tanh").inputShape(6, 2), new GlobalMaxPooling1D().keepdims(true), new Flatten(),
                new Dense(2)), new RMSprop(0.01), Losses.get("mse"), "numbers", true));
        cases.put("activations_rmsprop", new Case(sequential("activations_rmsprop", new Dense(6).inputDim(5),
                new ELU(0.5), new Dense(6), new LeakyReLU(0.2), new Dense(6), new ReLU().maxValue(6.0), new Dense(6),
                new PReLU(), new Dense(6), new Activation("tanh"), new Dense(3), new Softmax()),
                new RMSprop(0.01).momentum(0.5).centered(true), Losses.get("mse"), "numbers", true));
        cases.put("recurrent_sgd_momentum", new Case(sequential("recurrent_sgd_momentum",
                new SimpleRNN(3).returnSequences(true).inputShape(4, 2),
                new Bidirectional(new LSTM(2).returnSequences(true)), new TimeDistributed(new Dense(2, "tanh")),
                new GRU(2).resetAfter(false), new Dense(2)), new SGD(0.05).momentum(0.9), Losses.get("mse"),
                "numbers", true));
        cases.put("normalization_adam", new Case(sequential("normalization_adam",
                new Normalization().statistics(new double[] {0.5, -1, 2, 0}, new double[] {4, 0.25, 1, 9}).inputDim(4),
                new Dense(5, "tanh"), new Normalization(new double[] {0.1}, new double[] {2}).invert(true),
                new Dense(2)), new Adam(0.01), Losses.get("mse"), "numbers", true));
        cases.put("shapes_adam", new Case(sequential("shapes_adam", new ZeroPadding2D(1, 0, 0, 2).inputShape(5, 4, 2),
                new Conv2D(3, 2, "relu"), new Cropping2D(1, 0, 1, 1), new UpSampling2D(1, 2), new Permute(2, 1, 3),
                new Reshape(-1, 6), new ZeroPadding1D(1), new Cropping1D(0, 1), new UpSampling1D(2), new Flatten(),
                new Dense(3, "tanh"), new RepeatVector(2), new Flatten(), new Dense(2)), new Adam(0.01),
                Losses.get("mse"), "numbers", true));
        cases.put("noise_sgd", new Case(sequential("noise_sgd", new SpatialDropout2D(0.2).inputShape(4, 4, 2),
                new GaussianNoise(0.1), new GaussianDropout(0.1), new Reshape(16, 2), new SpatialDropout1D(0.3),
                new Flatten(), new Dense(2)), new SGD(0.01).momentum(0.5), Losses.get("mse"), "numbers", false));
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("adagrad", new Adagrad(0.1));
        optimizers.put("adadelta", new Adadelta(1.0));
        optimizers.put("adamax", new Adamax(0.02));
        optimizers.put("nadam", new Nadam(0.02));
        optimizers.put("sgd_nesterov", new SGD(0.1).momentum(0.8).nesterov(true));
        optimizers.put("sgd", new SGD(0.1));
        optimizers.put("adam_amsgrad", new Adam(0.02).amsgrad(true));
        optimizers.put("adam_decay", new Adam(0.02).decay(0.1));
        optimizers.put("rmsprop", new RMSprop(0.01));
        optimizers.forEach((name, optimizer) -> cases.put(name, new Case(sequential(name,
                new Dense(4, "tanh").inputDim(3), new Dense(2)), optimizer, Losses.get("mse"), "numbers", true)));
        return cases;
    }

    /**
     * Keras 3 cannot read tf.keras 2's configs of recurrent layers (time_major; a Bidirectional's inner layer without
     * its module) nor of spatial dropouts (trainable and noise_shape, which Keras 3's constructor does not take), which
     * keras4j's .h5 files hold as tf.keras 2.11 wrote them: such a model is checked as .keras only.
     */
    private static boolean recurrent(Sequential model) {
        return model.layers().stream().anyMatch(layer -> layer instanceof RecurrentLayer<?>
                || layer instanceof Bidirectional || layer instanceof SpatialDropout1D
                || layer instanceof SpatialDropout2D);
    }

    private static Sequential sequential(String name, io.github.keras4j.layers.Layer... layers) {
        Sequential model = new Sequential(name);
        for (io.github.keras4j.layers.Layer layer : layers) {
            model.add(layer);
        }
        return model;
    }

    /** Trains the case in keras4j, saves it as .keras and .h5, and what Keras's results are compared with. */
    private void write(String name, Case entry, Random random) throws IOException {
        Sequential model = entry.model();
        model.seed(7);
        model.compile(entry.optimizer(), entry.loss(), entry.metrics());
        long[] inputShape = model.inputShape();
        long[] batchShape = new long[inputShape.length + 1];
        batchShape[0] = 6;
        System.arraycopy(inputShape, 0, batchShape, 1, inputShape.length);
        INDArray x = Nd4j.create(sixteenths(random, (int) (6 * Nd4j.create(inputShape).length())), batchShape);
        int units = model.outputUnits();
        INDArray y = Nd4j.create(entry.labels().equals("numbers") ? sixteenths(random, 6 * units)
                : labels(random, 6, units, entry.labels().equals("one-hot")), new long[] {6, units});
        model.fit(x, y, Fit.epochs(2).batchSize(2).shuffle(false).verbose(0));
        model.save(directory.resolve(name + ".keras"));
        if (!recurrent(model)) {
            model.save(directory.resolve(name + ".h5"));
        }

        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("x", x);
        arrays.put("y", y);
        arrays.put("predictions", model.predict(x, 32, 0));
        List<OptimizerVariables.Variable> variables = OptimizerVariables.of(model);
        for (int i = 0; i < variables.size(); i++) {
            arrays.put("optimizer_" + i, variables.get(i).value());
        }
        arrays.put("step", Nd4j.createFromArray(new long[] {entry.step() ? 1 : 0}));
        // keras4j's next step, from the file it wrote.
        Sequential loaded = Sequential.load(directory.resolve(name + ".keras"));
        loaded.fit(x, y, Fit.epochs(1).batchSize(6).shuffle(false).verbose(0));
        List<INDArray> weights = loaded.getWeights();
        for (int i = 0; i < weights.size(); i++) {
            arrays.put("step_w" + i, weights.get(i));
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(name + ".npz"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, INDArray> array : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(array.getKey() + ".npy"));
                zip.write(Nd4j.toNpyByteArray(array.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** Multiples of 1/16 in [-2, 2): exact in float32. */
    private static float[] sixteenths(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(64) / 16f - 2;
        }
        return values;
    }

    private static float[] labels(Random random, int rows, int units, boolean oneHot) {
        float[] values = new float[rows * units];
        for (int row = 0; row < rows; row++) {
            int hot = random.nextInt(units);
            for (int unit = 0; unit < units; unit++) {
                values[row * units + unit] = oneHot ? (unit == hot ? 1 : 0) : random.nextInt(2);
            }
        }
        return values;
    }

    private static double number(Map<String, Object> report, String key) {
        Object value = report.get(key);
        return value instanceof Number number ? number.doubleValue() : Double.POSITIVE_INFINITY;
    }

    /**
     * {@code KERAS4J_PYTHON}, else the {@code venv-keras} beside the project, if it imports Keras 3; skips otherwise.
     */
    private static String pythonWithKeras3() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("KERAS4J_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        Path besideProject = Path.of("..", "venv-keras", "bin", "python").toAbsolutePath().normalize();
        candidates.add(besideProject.toString());
        candidates.add("/work/wt/venv-keras/bin/python");
        for (String candidate : candidates) {
            if (importsKeras3(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("skipped: no Python with Keras 3 and h5py (tried " + candidates + "); set KERAS4J_PYTHON to "
                + "one (python -m venv v && v/bin/pip install tensorflow-cpu keras) to check that real Keras loads "
                + "and trains on keras4j's files");
        return null;
    }

    private static boolean importsKeras3(String python) throws InterruptedException {
        if (!Files.isExecutable(Path.of(python))) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(python, "-c", "import h5py, keras; "
                    + "assert int(keras.__version__.split('.')[0]) >= 3")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
