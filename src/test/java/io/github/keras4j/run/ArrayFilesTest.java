package io.github.keras4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.SimpleRNN;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run configs whose data are NumPy's files: an {@code .npz} archive's x and y, named arrays of one archive, or two
 * {@code .npy} files, of any rank and dtype, checked against the model with errors naming the file and the array.
 * The fixtures were written by NumPy ({@code src/test/resources/io/github/keras4j/data/numpy/make_numpy_fixtures.py}):
 * {@code task.npz} holds 4 bit strings of 3 steps padded with -1, as int8, and their labels.
 */
class ArrayFilesTest {

    private static final String FIXTURES = "src/test/resources/io/github/keras4j/data/numpy/";
    private static final String COMPILE = "{\"loss\": \"binary_crossentropy\", \"metrics\": [\"accuracy\"], "
            + "\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"learning_rate\": 0.01}}}";

    @TempDir
    Path directory;

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static String sequenceModel() {
        Sequential model = new Sequential();
        model.add(new Masking(-1).inputShape(Shape.NONE, 1));
        model.add(new SimpleRNN(3));
        model.add(new Dense(1, "sigmoid"));
        return model.toJson();
    }

    private RunConfig config(String model, String data) {
        String json = "{\"model\": " + model + ", \"compile\": " + COMPILE + ", \"fit\": {\"epochs\": 2, "
                + "\"batch_size\": 2, \"verbose\": 0}, \"data\": " + data + ", \"seed\": 3}";
        return RunConfig.fromJson(json, "arrays", "arrays.json").withOutputDirectory(directory.resolve("out"));
    }

    private String fixture(String name) {
        return "\"" + FIXTURES + name + "\"";
    }

    @Test
    void anNpzArchivesXAndYTrainAMaskedSequenceModelAndItsPredictionsAreWritten() throws IOException {
        RunConfig config = config(sequenceModel(), "{\"train\": " + fixture("task.npz") + ", \"test\": "
                + "{\"file\": " + fixture("splits.npz") + ", \"x\": \"x_test\", \"y\": \"y_test\"}}");
        TrainedRun run = StdoutCapture.capture(() -> Training.run(config)).value();
        assertEquals(2, run.history().get("loss").size());
        assertEquals(2, run.testScores().length);
        List<String> predictions = Files.readAllLines(run.predictionsFile());
        assertEquals("y,prediction", predictions.get(0));
        assertEquals(3, predictions.size(), predictions.toString());
        assertTrue(predictions.get(1).startsWith("1.0,"), predictions.get(1));
    }

    @Test
    void twoNpyFilesAndACompressedArchiveOfBooleansTrainTheSameModel() {
        RunConfig npy = config(sequenceModel(), "{\"train\": {\"x\": " + fixture("task_x.npy") + ", \"y\": "
                + fixture("task_y.npy") + "}}");
        RunConfig compressed = config(sequenceModel(), "{\"train\": " + fixture("task_compressed.npz") + "}");
        TrainedRun first = StdoutCapture.capture(() -> Training.run(npy)).value();
        Backend.clearSession();
        TrainedRun second = StdoutCapture.capture(() -> Training.run(compressed)).value();
        assertEquals(first.history().history(), second.history().history());
    }

    @Test
    void integerTokensFeedAnEmbedding() {
        Sequential model = new Sequential();
        model.add(new Embedding(6, 2).inputShape(3));
        model.add(new Flatten());
        model.add(new Dense(1, "sigmoid"));
        RunConfig config = config(model.toJson(), "{\"train\": {\"x\": " + fixture("tokens_i4.npy") + ", \"y\": "
                + fixture("labels_bool.npy") + "}}");
        TrainedRun run = StdoutCapture.capture(() -> Training.run(config)).value();
        assertEquals(2, run.history().get("loss").size());
    }

    @Test
    void aWrongShapeNamesTheFileTheArrayAndTheShapeTheModelTakes() {
        RunConfig tokens = config(sequenceModel(), "{\"train\": {\"file\": " + fixture("splits.npz") + ", \"x\": "
                + "\"y_train\", \"y\": \"y_train\"}}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Training.run(tokens));
        assertEquals(FIXTURES + "splits.npz: array 'y_train' has shape (4,) but the model takes input of shape "
                + "(None, None, 1) (the input of layer 'masking'): give x of shape (samples, None, 1)",
                error.getMessage());

        RunConfig labels = config(sequenceModel(), "{\"train\": {\"x\": " + fixture("task_x.npy") + ", \"y\": "
                + fixture("seq_f4.npy") + "}}");
        error = assertThrows(IllegalArgumentException.class, () -> Training.run(labels));
        assertEquals(FIXTURES + "task_x.npy has 4 samples but " + FIXTURES + "seq_f4.npy has 2: every sample needs "
                + "its label", error.getMessage());

        RunConfig perStep = config(sequenceModel(), "{\"train\": {\"x\": " + fixture("seq_f4.npy") + ", \"y\": "
                + fixture("seq_f8.npy") + "}}");
        error = assertThrows(IllegalArgumentException.class, () -> Training.run(perStep));
        assertEquals(FIXTURES + "seq_f8.npy has shape (2, 3, 1) but the model outputs (None, 1): give labels of shape "
                + "(2, 1) (or class indices, with 1 as the last size, for a sparse loss)", error.getMessage());
    }

    @Test
    void aMissingArrayOrFileIsOneLine() {
        RunConfig missing = config(sequenceModel(), "{\"train\": " + fixture("splits.npz") + "}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Training.run(missing));
        assertEquals(FIXTURES + "splits.npz has no array 'x'; its arrays: x_train, y_train, x_test, y_test",
                error.getMessage());
        RunConfig none = config(sequenceModel(), "{\"train\": \"nowhere/data.npz\"}");
        assertEquals("data file nowhere/data.npz does not exist",
                assertThrows(MissingFileException.class, () -> Training.run(none)).getMessage());
    }

    @Test
    void csvKeysAndMixedKindsAreRefusedWhenTheConfigIsRead() {
        String model = sequenceModel();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> config(model,
                "{\"train\": " + fixture("task.npz") + ", \"labels\": [\"y\"]}"));
        assertEquals("arrays.json: data: labels applies to CSV files, but train holds NumPy arrays ("
                + FIXTURES + "task.npz: array 'x'), whose labels are the array y", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> config(model,
                "{\"train\": " + fixture("task.npz") + ", \"test\": \"datasets/xor.csv\"}"));
        assertEquals("arrays.json: data: test is a CSV file but train holds NumPy arrays; give every data file of "
                + "one kind", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> config(model,
                "{\"train\": " + fixture("task_x.npy") + "}"));
        assertTrue(error.getMessage().contains("is one NumPy array; give x and y"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> config(model,
                "{\"train\": {\"x\": " + fixture("task_x.npy") + "}}"));
        assertTrue(error.getMessage().startsWith("arrays.json: data.train: missing \"y\""), error.getMessage());
    }

    @Test
    void oneHotEncodesClassIndices() {
        Sequential model = new Sequential();
        model.add(new Masking(-1).inputShape(Shape.NONE, 1));
        model.add(new SimpleRNN(3));
        model.add(new Dense(2, "softmax"));
        String json = "{\"model\": " + model.toJson() + ", \"compile\": " + COMPILE.replace("binary_", "categorical_")
                + ", \"fit\": {\"epochs\": 1, \"verbose\": 0}, \"data\": {\"train\": " + fixture("task.npz")
                + ", \"one_hot\": 2}}";
        RunConfig config = RunConfig.fromJson(json, "arrays", "arrays.json").withOutputDirectory(directory);
        TrainedRun run = StdoutCapture.capture(() -> Training.run(config)).value();
        assertEquals(1, run.history().get("loss").size());
    }
}
