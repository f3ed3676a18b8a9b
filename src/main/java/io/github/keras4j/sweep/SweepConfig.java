package io.github.keras4j.sweep;

import io.github.keras4j.callbacks.MonitorMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A {@link Sweep} read from JSON, with its data. Every key is optional; what is left out keeps {@link Sweep}'s
 * default (tutorial 002). A grid axis takes one value or a list:
 * <pre>{@code
 * {
 *   "grid": {"hidden_layers": [1, 2], "units": [4, 8, 16], "activation": ["relu", "tanh"],
 *            "optimizer": "adam", "learning_rate": [0.01, 0.05], "loss": "mean_squared_error",
 *            "seeds": [1, 2, 3]},
 *   "output_activation": "sigmoid",
 *   "target": {"monitor": "binary_accuracy", "value": 1.0, "mode": "auto"},
 *   "epochs": 1000,
 *   "batch_size": 32,
 *   "data": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}
 * }
 * }</pre>
 * {@code "data"} is either inline arrays ({@code "x"} and {@code "y"}, nothing else) or a description of data kept
 * elsewhere ({@code {"csv": "datasets/xor.csv", "labels": ["y"]}}, read by {@link SweepData#CSV} unless another
 * {@link SweepData.Loader} is given to {@link #fromJson(String, SweepData.Loader)}). Without {@code "data"}, run the sweep on arrays with
 * {@code config.sweep().run(x, y)}. Unknown keys and values of the wrong type are errors naming the key.
 */
public final class SweepConfig {

    private static final Set<String> TOP_KEYS =
            Set.of("grid", "output_activation", "target", "epochs", "batch_size", "data");
    private static final Set<String> GRID_KEYS =
            Set.of("hidden_layers", "units", "activation", "optimizer", "learning_rate", "loss", "seeds");
    private static final Set<String> TARGET_KEYS = Set.of("monitor", "value", "mode");

    private final Sweep sweep;
    private final SweepData data;

    private SweepConfig(Sweep sweep, SweepData data) {
        this.sweep = sweep;
        this.data = data;
    }

    /** Reads a config whose data, if any, is inline arrays or a CSV file ({@link SweepData#CSV}). */
    public static SweepConfig fromJson(String json) {
        return fromJson(json, SweepData.CSV);
    }

    /**
     * Reads a config; a {@code "data"} part that is not inline arrays is handed to {@code loader}.
     *
     * @param loader reads non-inline data descriptions; may be null when the config has none
     */
    public static SweepConfig fromJson(String json, SweepData.Loader loader) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the sweep config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a sweep config must be a JSON object, received: " + root);
        }
        checkKeys("the sweep config", root, TOP_KEYS);
        Sweep sweep = new Sweep();
        JsonNode grid = root.get("grid");
        if (grid != null) {
            if (!grid.isObject()) {
                throw new IllegalArgumentException("grid must be an object, received: " + grid);
            }
            checkKeys("grid", grid, GRID_KEYS);
            if (grid.has("hidden_layers")) {
                sweep = sweep.hiddenLayers(ints("grid.hidden_layers", grid.get("hidden_layers")));
            }
            if (grid.has("units")) {
                sweep = sweep.units(ints("grid.units", grid.get("units")));
            }
            if (grid.has("activation")) {
                sweep = sweep.activations(strings("grid.activation", grid.get("activation")));
            }
            if (grid.has("optimizer")) {
                sweep = sweep.optimizers(strings("grid.optimizer", grid.get("optimizer")));
            }
            if (grid.has("learning_rate")) {
                sweep = sweep.learningRates(doubles("grid.learning_rate", grid.get("learning_rate")));
            }
            if (grid.has("loss")) {
                sweep = sweep.losses(strings("grid.loss", grid.get("loss")));
            }
            if (grid.has("seeds")) {
                sweep = sweep.seeds(longs("grid.seeds", grid.get("seeds")));
            }
        }
        if (root.has("output_activation")) {
            sweep = sweep.outputActivation(string("output_activation", root.get("output_activation")));
        }
        JsonNode target = root.get("target");
        if (target != null) {
            if (!target.isObject()) {
                throw new IllegalArgumentException("target must be an object such as {\"monitor\": "
                        + "\"binary_accuracy\", \"value\": 1.0}, received: " + target);
            }
            checkKeys("target", target, TARGET_KEYS);
            String monitor = target.has("monitor") ? string("target.monitor", target.get("monitor")) : sweep.monitor();
            double value = target.has("value") ? number("target.value", target.get("value")) : sweep.target();
            sweep = sweep.target(monitor, value);
            if (target.has("mode")) {
                sweep = sweep.mode(MonitorMode.get(string("target.mode", target.get("mode"))));
            }
        }
        if (root.has("epochs")) {
            sweep = sweep.epochs(integer("epochs", root.get("epochs")));
        }
        if (root.has("batch_size")) {
            sweep = sweep.batchSize(integer("batch_size", root.get("batch_size")));
        }
        SweepData data = root.has("data") ? data(root.get("data"), loader) : null;
        return new SweepConfig(sweep, data);
    }

    /** Reads a config file whose data, if any, is inline arrays or a CSV file ({@link SweepData#CSV}). */
    public static SweepConfig read(Path file) {
        return read(file, SweepData.CSV);
    }

    /** Reads a config file; a {@code "data"} part that is not inline arrays is handed to {@code loader}. */
    public static SweepConfig read(Path file, SweepData.Loader loader) {
        Objects.requireNonNull(file, "file");
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sweep config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** This config with at most {@code epochs} epochs per run (the command line's {@code --epochs}). */
    public SweepConfig withEpochs(int epochs) {
        return new SweepConfig(sweep.epochs(epochs), data);
    }

    /** The sweep the config describes. */
    public Sweep sweep() {
        return sweep;
    }

    /** The config's data, if it has a {@code "data"} part. */
    public Optional<SweepData> data() {
        return Optional.ofNullable(data);
    }

    /** Runs the sweep on the config's data, printing the table to standard output. */
    public SweepResult run() {
        return run(System.out::println);
    }

    /** Runs the sweep on the config's data, giving each line of the table to {@code printFn}. */
    public SweepResult run(Consumer<String> printFn) {
        if (data == null) {
            throw new IllegalStateException("this sweep config has no \"data\": give the arrays with "
                    + "config.sweep().run(x, y)");
        }
        return sweep.run(data, printFn);
    }

    private static SweepData data(JsonNode node, SweepData.Loader loader) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("data must be an object ({\"x\": [[...]], \"y\": [[...]]} or a "
                    + "description for a data loader), received: " + node);
        }
        if (node.has("x") || node.has("y")) {
            checkKeys("inline data", node, Set.of("x", "y"));
            if (!node.has("x") || !node.has("y")) {
                throw new IllegalArgumentException("inline data needs both \"x\" and \"y\", received the keys "
                        + fieldNames(node));
            }
            return new SweepData(matrix("data.x", node.get("x")), matrix("data.y", node.get("y")));
        }
        if (loader == null) {
            throw new IllegalArgumentException("data " + node + " is not inline arrays (\"x\" and \"y\"); reading it "
                    + "needs a SweepData.Loader: SweepConfig.fromJson(json, loader) or SweepConfig.read(file, "
                    + "loader), or leave \"data\" out and call config.sweep().run(x, y)");
        }
        Map<String, Object> spec = new ObjectMapper().convertValue(node, new TypeReference<Map<String, Object>>() { });
        return Objects.requireNonNull(loader.load(spec), "the data loader returned null for " + node);
    }

    private static float[][] matrix(String key, JsonNode node) {
        if (!node.isArray() || node.size() == 0) {
            throw new IllegalArgumentException(key + " must be a non-empty list of rows of numbers, received: "
                    + node);
        }
        float[][] rows = new float[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray()) {
                throw new IllegalArgumentException(key + " row " + i + " must be a list of numbers, received: " + row);
            }
            rows[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                rows[i][j] = (float) number(key + "[" + i + "][" + j + "]", row.get(j));
            }
        }
        return rows;
    }

    private static void checkKeys(String where, JsonNode node, Set<String> valid) {
        for (String key : fieldNames(node)) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + where + "; valid keys: "
                        + valid.stream().sorted().toList());
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** One value or a list of them. */
    private static List<JsonNode> values(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        return values;
    }

    private static int[] ints(String key, JsonNode node) {
        return values(node).stream().mapToInt(value -> integer(key, value)).toArray();
    }

    private static long[] longs(String key, JsonNode node) {
        return values(node).stream().mapToLong(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new IllegalArgumentException(key + " must be whole numbers, received: " + value);
            }
            return value.asLong();
        }).toArray();
    }

    private static double[] doubles(String key, JsonNode node) {
        return values(node).stream().mapToDouble(value -> number(key, value)).toArray();
    }

    private static String[] strings(String key, JsonNode node) {
        return values(node).stream().map(value -> string(key, value)).toArray(String[]::new);
    }

    private static int integer(String key, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(key + " must be a whole number, received: " + node);
        }
        return node.asInt();
    }

    private static double number(String key, JsonNode node) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number, received: " + node);
        }
        return node.asDouble();
    }

    private static String string(String key, JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string, received: " + node);
        }
        return node.asText();
    }

    @Override
    public String toString() {
        return "SweepConfig(" + sweep + (data == null ? ", no data" : ", data: " + data.x().length + " samples") + ")";
    }
}
