package io.github.keras4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.examples.Tutorial005Parity;
import io.github.keras4j.examples.Tutorial006Digits;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.EarlyStopping;
import io.github.keras4j.callbacks.EpochsToTarget;
import io.github.keras4j.callbacks.ReduceLROnPlateau;
import io.github.keras4j.callbacks.TerminateOnNaN;
import io.github.keras4j.examples.Tutorial003NumpyXor;
import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.spark.TrainingMasterType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/** Run configs: every config in configs/ holds its tutorial's settings; bad configs fail naming what is wrong. */
public class RunConfigTest {

    public static Stream<Path> runConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            // sweep_*.json are sweep configs (SweepConfig), not run configs.
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().startsWith("sweep_")).sorted().toList().stream();
        }
    }

    @Test
    void everyTutorialHasConfigs() throws IOException {
        List<String> names = runConfigs().map(file -> file.getFileName().toString()).toList();
        assertEquals(List.of("tutorial000_xor.json", "tutorial001_logic_gates_and.json",
                "tutorial001_logic_gates_nand.json", "tutorial001_logic_gates_nor.json",
                "tutorial001_logic_gates_or.json", "tutorial001_logic_gates_xnor.json",
                "tutorial001_logic_gates_xor.json", "tutorial002_xor.json", "tutorial003_numpy_xor.json",
                "tutorial004_gaussian_xor.json", "tutorial004_gaussian_xor_spark.json", "tutorial005_parity.json",
                "tutorial006_digits.json"),
                names);
    }

    /** The tutorial's model, built in Java as its example class builds it, compiled. */
    private static Sequential tutorialModel(String name) {
        Backend.clearSession();
        if (name.startsWith("tutorial006")) {
            return Tutorial006Digits.model(1);
        }
        if (name.startsWith("tutorial005")) {
            return Tutorial005Parity.model(1);
        }
        Sequential model = new Sequential();
        if (name.startsWith("tutorial000")) {
            model.add(new Dense(16, "relu").inputDim(2));
            for (int i = 0; i < 6; i++) {
                model.add(new Dense(16, "relu"));
            }
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "mean_squared_error", "binary_accuracy");
        } else if (name.startsWith("tutorial001")) {
            model.add(new Dense(2, "sigmoid").inputDim(2));
            model.add(new Dense(1, "sigmoid"));
            model.compile(new SGD(0.1), "binary_crossentropy", "binary_accuracy");
        } else if (name.startsWith("tutorial002")) {
            model.add(new Dense(16, "relu").inputDim(2));
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "mean_squared_error", "binary_accuracy");
        } else if (name.startsWith("tutorial003")) {
            String floatx = Backend.floatx();
            Backend.setFloatx("float64");
            try {
                model.add(new Dense(2, "relu").useBias(false).inputDim(3));
                model.add(new Dense(1, "linear").useBias(false));
            } finally {
                Backend.setFloatx(floatx);
            }
            model.compile(new SGD(0.01), "sum_squared_error");
        } else {
            model.add(new Dense(4, "relu").inputDim(2));
            model.add(new Dense(4, "relu"));
            model.add(new Dense(2, "softmax"));
            model.compile(new SGD().momentum(0.99), "binary_crossentropy");
        }
        return model;
    }

    /** {@code [epochs, batch_size, verbose]} of the tutorial's fit. */
    private static int[] tutorialFit(String name) {
        if (name.startsWith("tutorial000")) {
            return new int[] {500, 32, 2};
        } else if (name.startsWith("tutorial001")) {
            return new int[] {10000, 32, 0};
        } else if (name.startsWith("tutorial002")) {
            return new int[] {1000, 32, 1};
        } else if (name.startsWith("tutorial003")) {
            return new int[] {500, 4, 0};
        } else if (name.startsWith("tutorial006")) {
            return new int[] {40, 32, 2};
        } else if (name.startsWith("tutorial005")) {
            return new int[] {Tutorial005Parity.EPOCHS, Tutorial005Parity.BATCH_SIZE, 2};
        }
        return new int[] {200, 100, 1};
    }

    private static Object normalized(Object tree) {
        return KerasJson.read(KerasJson.write(tree), "tree");
    }

    @ParameterizedTest
    @MethodSource("runConfigs")
    void configHoldsTheTutorialsSettings(Path file) {
        RunConfig config = RunConfig.read(file);
        String name = config.name();
        assertEquals(file.getFileName().toString().replace(".json", ""), name);
        Sequential expected = tutorialModel(name);
        // The model part is Keras's to_json() of the tutorial's model, the compile part its training_config.
        assertEquals(normalized(ModelConfig.modelConfig(expected)), normalized(config.modelConfig()));
        assertEquals(normalized(ModelConfig.trainingConfig(expected)), normalized(config.trainingConfig()));
        Sequential built = config.compiledModel();
        assertEquals(normalized(ModelConfig.modelConfig(expected)), normalized(ModelConfig.modelConfig(built)));
        assertEquals(normalized(ModelConfig.trainingConfig(expected)),
                normalized(ModelConfig.trainingConfig(built)));

        Fit fit = config.fitOptions();
        int[] tutorial = tutorialFit(name);
        assertEquals(tutorial[0], fit.epochs());
        assertEquals(tutorial[1], config.batchSize());
        assertEquals(tutorial[2], fit.verbose());
        assertEquals(Path.of("runs", name, "model.keras4j"), config.modelOutput());
        assertTrue(Files.isRegularFile(config.data().train()), config.data().train().toString());
        if (name.startsWith("tutorial001")) {
            EpochsToTarget stop = assertInstanceOf(EpochsToTarget.class, fit.callbacks().get(0));
            assertEquals("binary_accuracy", stop.monitor());
            assertEquals(1.0, stop.target());
            String gate = name.substring("tutorial001_logic_gates_".length());
            assertEquals(Path.of("datasets", gate + ".csv"), config.data().train());
        }
    }

    @Test
    void tutorial003StartsFromTheTutorialsWeights() {
        Sequential model = RunConfig.read(Path.of("configs/tutorial003_numpy_xor.json")).compiledModel();
        assertEquals(Nd4j.createFromArray(Tutorial003NumpyXor.W1), model.getWeights(0).get(0));
        assertEquals(Nd4j.createFromArray(Tutorial003NumpyXor.W2), model.getWeights(1).get(0));
        assertEquals("float64", model.layers().get(0).dtype());
        assertFalse(RunConfig.read(Path.of("configs/tutorial003_numpy_xor.json")).fitOptions().shuffle());
    }

    @Test
    void theSparkSectionIsReadAndChecked() {
        RunConfig config = RunConfig.read(Path.of("configs/tutorial004_gaussian_xor_spark.json"));
        assertEquals(new SparkConfig("local[2]", TrainingMasterType.AVERAGING, null, 5, null, null, null),
                config.spark());
        assertEquals(null, RunConfig.read(Path.of("configs/tutorial004_gaussian_xor.json")).spark());
        RunConfig overridden = config.withSpark("local[4]", null);
        assertEquals("local[4]", overridden.spark().master());
        assertEquals(TrainingMasterType.AVERAGING, overridden.spark().trainingMaster());
        assertEquals(5, overridden.spark().averagingFrequency());
        assertEquals("local[2]", config.spark().master());
        // The config's averaging_frequency means nothing to gradient sharing: an error, not ignored.
        assertEquals("averaging_frequency is a setting of training master 'averaging', but the training master is "
                + "'sharing'", assertThrows(IllegalArgumentException.class,
                        () -> config.withSpark(null, TrainingMasterType.SHARING)).getMessage());
        assertEquals(TrainingMasterType.SHARING, RunConfig.read(Path.of("configs/tutorial004_gaussian_xor.json"))
                .withSpark("local[2]", TrainingMasterType.SHARING).spark().trainingMaster());

        assertEquals("t.json: spark: unknown key 'masters'; did you mean 'master'? valid keys: master, "
                + "training_master, workers, averaging_frequency, threshold, port, export_directory",
                error(minimal("{}", ", \"spark\": {\"masters\": \"local\"}")).getMessage());
        assertEquals("t.json: spark: unknown training master 'allreduce'; valid: averaging, sharing", error(minimal("{}", ", \"spark\": {\"training_master\": \"allreduce\"}"))
                .getMessage());
        assertEquals("t.json: spark: threshold is a setting of training master 'sharing', but the training master is "
                + "'averaging'", error(minimal("{}", ", \"spark\": {\"threshold\": 0.01}")).getMessage());
        assertEquals("t.json: spark: averaging_frequency must be at least 1, received: 0",
                error(minimal("{}", ", \"spark\": {\"averaging_frequency\": 0}")).getMessage());
    }

    private static String minimal(String fit, String extra) {
        return minimalWithData(fit, "{\"train\": \"datasets/xor.csv\", \"labels\": [\"y\"]}", extra);
    }

    private static String minimalWithData(String fit, String data, String extra) {
        Backend.clearSession();
        Sequential model = new Sequential();
        model.add(new Dense(1, "sigmoid").inputDim(2));
        model.compile("adam", "mse", "binary_accuracy");
        return "{\"model\": " + model.toJson() + ", \"compile\": " + KerasJson.write(ModelConfig.trainingConfig(model))
                + ", \"fit\": " + fit + ", \"data\": " + data + extra + "}";
    }

    private static IllegalArgumentException error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> RunConfig.fromJson(json, "t", "t.json"));
    }

    @Test
    void defaultsAreKerasFitsAndOutputsGoUnderRuns() {
        RunConfig config = RunConfig.fromJson(minimal("{}", ""), "mine", "mine.json");
        Fit fit = config.fitOptions();
        assertEquals(Fit.DEFAULT_EPOCHS, fit.epochs());
        assertEquals(Fit.DEFAULT_VERBOSE, fit.verbose());
        assertEquals(32, config.batchSize());
        assertTrue(fit.shuffle());
        assertNull(config.seed());
        assertEquals(List.of(Path.of("runs/mine/model.keras4j"), Path.of("runs/mine/history.csv"),
                Path.of("runs/mine/predictions.csv")), config.outputs());
    }

    @Test
    void overridesReplaceTheConfigsValues() {
        RunConfig config = RunConfig.fromJson(minimal("{\"epochs\": 7, \"verbose\": 2}", ", \"seed\": 3"), "m", "m")
                .withEpochs(2).withVerbose(0).withSeed(9).withOutputDirectory(Path.of("out"));
        assertEquals(2, config.fitOptions().epochs());
        assertEquals(0, config.fitOptions().verbose());
        assertEquals(9L, config.seed());
        assertEquals(9L, config.compiledModel().seed());
        assertEquals(Path.of("out/history.csv"), config.historyOutput());
    }

    @Test
    void fitArgumentsAndCallbacksAreRead() {
        RunConfig config = RunConfig.fromJson(minimal("{\"epochs\": 3, \"batch_size\": 2, \"shuffle\": false, "
                + "\"validation_split\": 0.25, \"class_weight\": {\"0\": 1.0, \"1\": 2}, \"initial_epoch\": 1, "
                + "\"callbacks\": [{\"class_name\": \"EarlyStopping\", \"config\": {\"monitor\": \"loss\", "
                + "\"patience\": 3, \"restore_best_weights\": true}}, {\"class_name\": \"ReduceLROnPlateau\", "
                + "\"config\": {\"factor\": 0.5, \"min_lr\": 1e-4}}, {\"class_name\": \"TerminateOnNaN\"}]}", ""),
                "m", "m.json");
        Fit fit = config.fitOptions();
        assertEquals(2, fit.batchSize());
        assertFalse(fit.shuffle());
        assertEquals(0.25, fit.validationSplit());
        assertEquals(Map.of(0, 1.0, 1, 2.0), fit.classWeight());
        assertEquals(1, fit.initialEpoch());
        EarlyStopping early = assertInstanceOf(EarlyStopping.class, fit.callbacks().get(0));
        assertEquals("loss", early.monitor());
        assertEquals(3, early.patience());
        assertTrue(early.restoreBestWeights());
        assertInstanceOf(ReduceLROnPlateau.class, fit.callbacks().get(1));
        assertInstanceOf(TerminateOnNaN.class, fit.callbacks().get(2));
        // Each call gives fresh callbacks: a callback's state belongs to one fit.
        assertFalse(fit.callbacks().get(0) == config.fitOptions().callbacks().get(0));
    }

    @Test
    void unknownKeysNameTheFileThePlaceAndTheValidKeys() {
        assertEquals("t.json: unknown key 'seeds'; did you mean 'seed'? valid keys: model, compile, fit, data, "
                + "load_weights, seed, outputs, spark", error(minimal("{}", ", \"seeds\": 1")).getMessage());
        assertEquals("t.json: data: unknown key 'label'; did you mean 'labels'? valid keys: train, validation, test, "
                + "labels, features, one_hot, normalization, delimiter",
                error(minimalWithData("{}", "{\"train\": \"datasets/xor.csv\", \"label\": [\"y\"]}", ""))
                        .getMessage());
        assertTrue(error(minimal("{}", ", \"outputs\": {\"plot\": \"x\"}")).getMessage()
                .startsWith("t.json: outputs: unknown key 'plot'; did you mean 'plots'? valid keys: model, history, "
                        + "predictions, plots"));
        assertEquals("t.json: fit.callbacks[0].config: unknown key 'patients'; did you mean 'patience'? valid keys: "
                + "monitor, min_delta, patience, verbose, mode, baseline, restore_best_weights, start_from_epoch",
                error(minimal("{\"callbacks\": [{\"class_name\": \"EarlyStopping\", \"config\": {\"patients\": 3}}]}",
                        "")).getMessage());
    }

    @Test
    void unknownCallbacksAndFunctionsAreRefused() {
        assertTrue(error(minimal("{\"callbacks\": [{\"class_name\": \"EarlyStoping\"}]}", "")).getMessage()
                .contains("unknown callback 'EarlyStoping'; did you mean 'EarlyStopping'?"));
        assertTrue(error(minimal("{\"callbacks\": [{\"class_name\": \"LearningRateScheduler\"}]}", "")).getMessage()
                .contains("LearningRateScheduler takes a function, which a JSON config cannot hold"));
    }

    @Test
    void wrongTypesNameThePathOfTheValue() {
        assertEquals("t.json: fit.epochs must be a whole number, found the number 2.5",
                error(minimal("{\"epochs\": 2.5}", "")).getMessage());
        assertEquals("t.json: fit.shuffle must be true or false, found the string \"no\"",
                error(minimal("{\"shuffle\": \"no\"}", "")).getMessage());
        assertEquals("t.json: data.labels must be a string or a non-empty list of strings, found the number 2",
                error(minimalWithData("{}", "{\"train\": \"datasets/xor.csv\", \"labels\": 2}", "")).getMessage());
        assertEquals("t.json: fit.callbacks[0].config.patience must be a whole number, found the string \"3\"",
                error(minimal("{\"callbacks\": [{\"class_name\": \"EarlyStopping\", \"config\": {\"patience\": "
                        + "\"3\"}}]}", "")).getMessage());
    }

    @Test
    void missingPartsAndConflictsAreErrors() {
        assertTrue(error("{\"model\": {}}").getMessage().startsWith("t.json: missing \"compile\""));
        assertTrue(error(minimalWithData("{}", "{\"labels\": [\"y\"]}", "")).getMessage()
                .startsWith("t.json: data: missing \"train\""));
        assertTrue(error(minimalWithData("{\"validation_split\": 0.2}", "{\"train\": \"datasets/xor.csv\", "
                + "\"validation\": \"datasets/xor.csv\", \"labels\": [\"y\"]}", "")).getMessage()
                .contains("validation_split and data.validation are both given"));
    }

    @Test
    void badValuesInsideTheModelOrCompileNameTheFile() {
        String json = minimal("{}", "").replace("\"sigmoid\"", "\"sigmoidd\"");
        IllegalArgumentException e = error(json);
        assertTrue(e.getMessage().startsWith("t.json: model: unknown activation 'sigmoidd'; did you mean 'sigmoid'?"),
                e.getMessage());
        assertTrue(error(minimal("{}", "").replace("\"mean_squared_error\"", "\"msee\"")).getMessage()
                .startsWith("t.json: compile: unknown loss 'msee'; did you mean"));
    }

    @Test
    void badJsonGivesLineAndColumn() {
        IllegalArgumentException e = error("{\n  \"model\": {\n  \"x\" 1}\n}");
        assertTrue(e.getMessage().startsWith("t.json is not valid JSON: ") && e.getMessage().endsWith("(line 3, "
                + "column 8)"), e.getMessage());
    }

    @Test
    void missingConfigFileIsAMissingFile() {
        assertThrows(MissingFileException.class, () -> RunConfig.read(Path.of("configs/none.json")));
    }
}
