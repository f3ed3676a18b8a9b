package io.github.keras4j.layers;

import static io.github.keras4j.layers.PoolingReference.checkAgainstHandComputation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.keras.KerasJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MaxPooling2D against a pooling written out by hand (TensorFlow's padding), its Keras config and its DL4J form. */
class MaxPooling2DTest {

    @BeforeEach
    void float64() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    @Test
    void takesTheMaximumOfEachWindow() {
        checkAgainstHandComputation(new MaxPooling2D(), true, 1, false, 3, 6, 5, 3);
        checkAgainstHandComputation(new MaxPooling2D(2, 3).strides(1, 2), true, 2, false, 3, 5, 7, 2);
        checkAgainstHandComputation(new MaxPooling2D(3).strides(2).padding("same"), true, 3, false, 3, 7, 6, 2);
    }

    @Test
    void samePaddingNeverWinsTheMaximum() {
        // All inputs negative: a zero-padded cell would be the maximum of every border window.
        checkAgainstHandComputation(new MaxPooling2D(2).padding("same"), true, 4, true, 2, 5, 5, 1);
        checkAgainstHandComputation(new MaxPooling2D(3, 2).strides(2, 3).padding("same"), true, 5, true, 2, 7, 8, 2);
    }

    @Test
    void hasKerasDefaults() {
        MaxPooling2D pooling = new MaxPooling2D();
        assertArrayEquals(new int[] {2, 2}, pooling.poolSize());
        assertArrayEquals(new int[] {2, 2}, pooling.strides());
        assertEquals(Conv2D.Padding.VALID, pooling.padding());
        assertArrayEquals(new int[] {3, 3}, new MaxPooling2D(3).strides(), "strides default to the pool size");
        MaxPooling2D changed = pooling.strides(1).padding("same");
        assertArrayEquals(new int[] {2, 2}, pooling.strides(), "setters return copies");
        assertArrayEquals(new int[] {1, 1}, changed.strides());
        assertEquals(Conv2D.Padding.SAME, changed.padding());
    }

    @Test
    void shapesAndNoWeightsInTheSummary() {
        assertEquals(Shape.of(3, 2, 4), new MaxPooling2D().outputShape(Shape.of(7, 5, 4)));
        assertEquals(Shape.of(4, 3, 4), new MaxPooling2D().padding("same").outputShape(Shape.of(7, 5, 4)));
        assertEquals(Shape.of(3, 2, 1), new MaxPooling2D(3).strides(2).outputShape(Shape.of(7, 6, 1)));
        Sequential model = new Sequential(new Conv2D(4, 3).inputShape(8, 8, 1), new MaxPooling2D(), new Flatten(),
                new Dense(1));
        List<String> lines = new ArrayList<>();
        model.summary(lines::add);
        String table = String.join("\n", lines);
        // Keras's summary wraps the first column at 26 characters.
        assertTrue(table.contains(" max_pooling2d (MaxPooling2  (None, 3, 3, 4)           0         \n D)"), table);
        assertTrue(table.contains("Total params: 77"), table);
        assertEquals(List.of(), model.getWeights(1));
        assertEquals(List.of(), new MaxPooling2D().kerasWeights());
    }

    @Test
    void isDl4jsMaxSubsamplingOnNhwcArrays() {
        Sequential model = new Sequential(new MaxPooling2D(3, 2).strides(1, 2).padding("same").inputShape(6, 6, 2),
                new Flatten());
        SubsamplingLayer layer = (SubsamplingLayer) model.network().getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(SubsamplingLayer.PoolingType.MAX.toPoolingType(), layer.getPoolingType());
        assertArrayEquals(new int[] {3, 2}, layer.getKernelSize());
        assertArrayEquals(new int[] {1, 2}, layer.getStride());
        assertEquals(ConvolutionMode.Same, layer.getConvolutionMode());
        assertEquals(CNN2DFormat.NHWC, layer.getCnn2dDataFormat());
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesKerasConfigAndReadsItBack() {
        Backend.setFloatx("float32");
        Sequential model = new Sequential(new Conv2D(2, 3).inputShape(9, 9, 1),
                new MaxPooling2D(3, 2).strides(2, 1).padding("same"), new Flatten(), new Dense(1));
        String json = model.toJson();
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) KerasJson.read(json,
                "t").get("config")).get("layers");
        assertEquals("MaxPooling2D", layers.get(2).get("class_name"));
        Map<String, Object> config = (Map<String, Object>) layers.get(2).get("config");
        // tf.keras 2.x's and Keras 3's keys, in their order.
        assertEquals(List.of("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"),
                List.copyOf(config.keySet()));
        assertEquals(List.of(3, 2), config.get("pool_size"));
        assertEquals("same", config.get("padding"));
        assertEquals(List.of(2, 1), config.get("strides"));
        assertEquals("channels_last", config.get("data_format"));
        Backend.clearSession();
        assertEquals(json, Sequential.fromJson(json).toJson());
    }

    private static Sequential read(String poolingConfig) {
        return Sequential.fromJson("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 6, 6, 3]}},"
                + poolingConfig + ", {\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}]}}");
    }

    @Test
    void readsKerasDefaultsKeras1SpellingsAndTheAlias() {
        MaxPooling2D defaults = (MaxPooling2D) read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p\"}}")
                .layers().get(0);
        assertArrayEquals(new int[] {2, 2}, defaults.poolSize());
        assertArrayEquals(new int[] {2, 2}, defaults.strides());
        assertEquals(Conv2D.Padding.VALID, defaults.padding());
        MaxPooling2D nullStrides = (MaxPooling2D) read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": "
                + "\"p\", \"pool_size\": 3, \"strides\": null}}").layers().get(0);
        assertArrayEquals(new int[] {3, 3}, nullStrides.strides(), "strides None means the pool size");
        // Keras 1.2's MaxPooling2D, from deeplearning4j/dl4j-test-resources' mnist_cnn_tf_keras_1_config.json.
        MaxPooling2D keras1 = (MaxPooling2D) read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": "
                + "\"maxpooling2d_1\", \"trainable\": true, \"dim_ordering\": \"tf\", \"pool_size\": [2, 2], "
                + "\"strides\": [2, 2], \"border_mode\": \"same\"}}").layers().get(0);
        assertEquals(Conv2D.Padding.SAME, keras1.padding());
        Layer alias = read("{\"class_name\": \"MaxPool2D\", \"config\": {\"name\": \"p\"}}").layers().get(0);
        assertEquals("MaxPooling2D", alias.className());
    }

    @Test
    void refusesWhatItCannotHonour() {
        UnsupportedOperationException channelsFirst = assertThrows(UnsupportedOperationException.class,
                () -> read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p\", \"data_format\": "
                        + "\"channels_first\"}}"));
        assertEquals("the JSON given, layer 1 (MaxPooling2D): \"data_format\" = \"channels_first\" is not supported "
                + "by keras4j; only channels_last", channelsFirst.getMessage());
        UnsupportedOperationException theano = assertThrows(UnsupportedOperationException.class,
                () -> read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p\", \"dim_ordering\": "
                        + "\"th\"}}"));
        assertTrue(theano.getMessage().endsWith("\"dim_ordering\" = \"th\" is not supported by keras4j; only tf"),
                theano.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p\", \"pool\": 2}}"));
        assertTrue(unknown.getMessage().contains("unknown keys [pool]"), unknown.getMessage());
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> read("{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p\", \"padding\": \"causal\"}}"));
        assertTrue(padding.getMessage().startsWith("Unknown padding: 'causal'; valid values: 'valid', 'same'"),
                padding.getMessage());

        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling2D(4).outputShape(Shape.of(3, 5, 1)));
        assertTrue(tooLarge.getMessage().contains("its pool size [4, 4] is larger than its input [3, 5, 1]"),
                tooLarge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0));
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(2, 2, 2));
        UnsupportedOperationException features = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Dense(4).inputDim(3), new MaxPooling2D()).summary(line -> { }));
        assertTrue(features.getMessage().contains("takes images of shape (height, width, channels)"),
                features.getMessage());
        UnsupportedOperationException last = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new MaxPooling2D().inputShape(4, 4, 1)).predict(Nd4j.zeros(1, 4, 4, 1), 1, 0));
        assertTrue(last.getMessage().contains("is the last layer and outputs images of shape [2, 2, 1]"),
                last.getMessage());
    }

    @Test
    void trainsInACnnAndSavesAndLoads(@TempDir Path folder) {
        INDArray x = Nd4j.createFromArray(PoolingReference.images(6, false, 16, 6, 6, 2));
        INDArray y = x.sum(1, 2, 3).reshape(16, 1);
        Sequential model = new Sequential(new Conv2D(3, 3, "relu").padding("same").inputShape(6, 6, 2),
                new MaxPooling2D(), new Flatten(), new Dense(1));
        model.seed(1);
        model.compile("adam", "mean_squared_error");
        History history = model.fit(x, y, Fit.epochs(3).batchSize(8).verbose(0));
        assertTrue(history.history().get("loss").get(2) < history.history().get("loss").get(0), history.toString());
        INDArray predictions = model.predict(x, 32, 0);
        Path file = folder.resolve("cnn.keras4j");
        model.save(file);
        assertEquals(predictions, Sequential.load(file).predict(x, 32, 0));
    }
}
