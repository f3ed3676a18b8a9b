package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.keras.KerasJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What the shape and noise layer tests share: models read from Keras configs written out in a test, the round trips
 * every layer makes (keras4j's file, Keras's JSON, Keras 3's .keras and Keras 2's .h5) and a short fit.
 */
final class ShapeLayerFixtures {

    private ShapeLayerFixtures() {
    }

    /** A Keras 2 Sequential of an InputLayer of {@code batchInputShape} and {@code layers} (JSON entries). */
    static Sequential keras2(String batchInputShape, String... layers) {
        return Sequential.fromJson("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": " + batchInputShape
                + "}}, " + String.join(", ", layers) + "]}, \"keras_version\": \"2.11.0\"}");
    }

    /** A Keras 1 model ({@code keras_version} 1.2.2): a plain layer list, the first layer declaring the input. */
    static Sequential keras1(String... layers) {
        return Sequential.fromJson("{\"class_name\": \"Sequential\", \"config\": [" + String.join(", ", layers)
                + "], \"keras_version\": \"1.2.2\"}");
    }

    /** One layer's entry of a Keras config. */
    static String entry(String className, String config) {
        return "{\"class_name\": \"" + className + "\", \"config\": " + config + "}";
    }

    /** The layer's own keys as keras4j writes them (tf.keras 2.x's), after name, trainable and dtype. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> writtenConfig(Sequential model, int index) {
        Map<String, Object> json = KerasJson.read(model.toJson(), "model.json");
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) json.get("config"))
                .get("layers");
        int first = "InputLayer".equals(layers.get(0).get("class_name")) ? 1 : 0;
        Map<String, Object> config = new java.util.LinkedHashMap<>((Map<String, Object>) layers.get(index + first)
                .get("config"));
        // tf.keras 2.x declares the input on the first layer.
        config.remove("batch_input_shape");
        return config;
    }

    /** Keras's summary table of the model. */
    static String summary(Sequential model) {
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        return String.join("\n", lines);
    }

    /** Input batches of {@code shape} (batch axis first), whole multiples of 1/8, reproducible. */
    static INDArray input(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Transforms.round(Nd4j.randn(DataType.FLOAT, shape).muli(8)).divi(8);
    }

    /**
     * Trains the model a few steps on {@code x} (DL4J's fit or the compiled step, whichever the trainer takes), then
     * checks that keras4j's own file, Keras's JSON (with the weights set back), Keras 3's {@code .keras} and Keras
     * 2's {@code .h5} all give the same predictions.
     */
    static void trainsAndRoundTrips(Sequential model, INDArray x, INDArray y, Path folder) {
        model.compile("sgd", "mse");
        History history = model.fit(x, y, Fit.epochs(3).batchSize(2).verbose(0));
        List<Double> losses = history.history().get("loss");
        assertEquals(3, losses.size());
        assertTrue(losses.stream().allMatch(loss -> Double.isFinite(loss)), losses.toString());
        LayerRoundTrips.savesAndReloads(model, x, folder);
    }
}
