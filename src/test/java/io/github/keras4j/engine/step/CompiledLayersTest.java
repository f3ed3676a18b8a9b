package io.github.keras4j.engine.step;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Normalization;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.ThresholdedReLU;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each layer type keras4j offers trains through the compiled step exactly as through DL4J's fit: the same loss and
 * metric at each of 100 steps (full batches) and the same weights after them, bit for bit.
 */
class CompiledLayersTest {

    private static INDArray x(DataType type) {
        Nd4j.getRandom().setSeed(6);
        return Nd4j.rand(type, 10, 4).subi(0.5).muli(3);
    }

    private static INDArray y(DataType type) {
        INDArray y = Nd4j.zeros(type, 10, 3);
        for (int row = 0; row < 10; row++) {
            y.putScalar(row, (row * 7) % 3, 1.0);
        }
        return y;
    }

    private static Supplier<Sequential> model(Layer hidden) {
        return () -> {
            Sequential model = new Sequential().seed(12);
            model.add(new InputLayer(4));
            model.add(new Dense(6, "linear"));
            model.add(hidden);
            model.add(new Dense(3, "softmax"));
            model.compile("adam", "categorical_crossentropy", "accuracy");
            return model;
        };
    }

    @ParameterizedTest
    @EnumSource(Activations.class)
    void denseWithEveryActivation(Activations activation) {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(12);
            model.add(new Dense(6, activation).inputDim(4));
            model.add(new Dense(3, activation == Activations.SOFTMAX ? Activations.SIGMOID : Activations.SOFTMAX));
            model.compile("rmsprop", "categorical_crossentropy", "accuracy");
            return model;
        }, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(100));
    }

    static Stream<Arguments> elementwiseLayers() {
        return Stream.of(new Activation("tanh"), new Activation("relu"), new Activation("softmax"), new ELU(0.7),
                new LeakyReLU(0.25), new ReLU(), new ReLU().maxValue(0.8).negativeSlope(0.1).threshold(0.2),
                new Softmax(), new ThresholdedReLU(0.3), new Flatten(), new Dropout(0.3), new BatchNormalization(),
                new BatchNormalization().center(false).scale(false), new PReLU(), new PReLU().sharedAxes(1),
                new Normalization().statistics(new double[] {0.1, -0.2, 0.3, 0, 0.5, -1},
                        new double[] {0.5, 2, 1e-15, 1, 3, 0.25}),
                new Normalization(new double[] {0.2}, new double[] {4}).invert(true))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("elementwiseLayers")
    void elementwiseLayers(Layer layer) {
        Twins.assertIdentical(model(layer), x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(100));
    }

    private static INDArray images(DataType type) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(type, 6, 6, 5, 2).subi(0.5);
    }

    private static INDArray imageLabels(DataType type) {
        INDArray y = Nd4j.zeros(type, 6, 3);
        for (int row = 0; row < 6; row++) {
            y.putScalar(row, row % 3, 1.0);
        }
        return y;
    }

    static Stream<Arguments> imageModels() {
        return Stream.of(
                Arguments.of("conv valid linear", List.of(new Conv2D(3, 3, 3).inputShape(6, 5, 2), new Flatten())),
                Arguments.of("conv same relu, conv linear", List.of(new Conv2D(4, 3, 2).padding("same")
                        .activation("relu").inputShape(6, 5, 2), new Conv2D(3, 2, 2), new Flatten())),
                Arguments.of("conv strides tanh no bias", List.of(new Conv2D(3, 2, 2).strides(2, 1).useBias(false)
                        .activation("tanh").inputShape(6, 5, 2), new Flatten())),
                Arguments.of("conv, batch norm, relu, max pool", List.of(new Conv2D(4, 3, 3).inputShape(6, 5, 2),
                        new BatchNormalization(), new Activation("relu"), new MaxPooling2D(2, 2), new Flatten())),
                // The activation's gradient on the layer's own NHWC arrays (the pooling's gradient shares z's layout).
                Arguments.of("conv relu, max pool, dropout", List.of(new Conv2D(4, 3, 3).activation("relu")
                        .inputShape(6, 5, 2), new MaxPooling2D(2, 2), new Dropout(0.25), new Flatten())),
                Arguments.of("conv elu, max pool", List.of(new Conv2D(3, 2, 2).activation("elu")
                        .inputShape(6, 5, 2), new MaxPooling2D(2, 2), new Flatten())),
                Arguments.of("average pool same, dropout", List.of(new Conv2D(3, 2, 2).activation("sigmoid")
                        .inputShape(6, 5, 2), new AveragePooling2D(2, 2).padding("same"), new Dropout(0.2),
                        new Flatten())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageModels")
    void imageLayers(String name, List<Layer> layers) {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(13);
            layers.forEach(model::add);
            model.add(new Dense(3, "softmax"));
            model.compile("adam", "categorical_crossentropy", "accuracy");
            return model;
        }, images(DataType.FLOAT), imageLabels(DataType.FLOAT), Fit.epochs(50).batchSize(4));
    }

    @Test
    void float64() {
        Backend.setFloatx("float64");
        try {
            Twins.assertIdentical(model(new Dropout(0.2)), x(DataType.DOUBLE), y(DataType.DOUBLE), Fit.epochs(100));
        } finally {
            Backend.setFloatx("float32");
        }
    }

    @Test
    void dropoutDrawsTheSameMasksAcrossMiniBatchesAndEpochs() {
        Supplier<Sequential> factory = () -> {
            Sequential model = new Sequential().seed(3);
            model.add(new Dense(8, "relu").inputDim(4));
            model.add(new Dropout(0.5));
            model.add(new Dense(8, "relu"));
            model.add(new Dropout(0.25));
            model.add(new Dense(3, "softmax"));
            model.compile("sgd", "categorical_crossentropy", "accuracy");
            return model;
        };
        Twins.assertIdentical(factory, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(25).batchSize(4));
    }

    @Test
    void aModelEndingInAnElementwiseLayerGetsDl4jsLossLayer() {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(4);
            model.add(new Dense(3, "linear").inputDim(4));
            model.add(new Activation("softmax"));
            model.compile("adam", "categorical_crossentropy", "accuracy");
            return model;
        }, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(100));
    }

    @Test
    void aFirstNormalizationLayerAdaptedOnTheData() {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(12);
            model.add(new Normalization().adapt(x(DataType.FLOAT)).inputDim(4));
            model.add(new Dense(3, "softmax"));
            model.compile(new SGD(0.1).momentum(0.9), "categorical_crossentropy", "accuracy");
            return model;
        }, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(50).batchSize(4));
    }

    @Test
    void allLayersOfOneModel() {
        List<Layer> hidden = List.of(new Dense(6, "selu"), new LeakyReLU(0.1), new Dropout(0.1), new Activation("tanh"));
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(21);
            model.add(new Dense(5, "relu").inputDim(4));
            hidden.forEach(model::add);
            model.add(new Dense(3, "softmax"));
            model.compile("nadam", "categorical_crossentropy", "accuracy", "mse");
            return model;
        }, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(30).batchSize(3));
    }
}
