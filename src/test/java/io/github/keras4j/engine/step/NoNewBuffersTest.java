package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.AveragePooling1D;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Cropping1D;
import io.github.keras4j.layers.Cropping2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.GaussianDropout;
import io.github.keras4j.layers.GaussianNoise;
import io.github.keras4j.layers.GlobalAveragePooling1D;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.GlobalMaxPooling1D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.LayerNormalization;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.MaxPooling1D;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.Permute;
import io.github.keras4j.layers.RepeatVector;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.layers.UpSampling1D;
import io.github.keras4j.layers.UpSampling2D;
import io.github.keras4j.layers.ZeroPadding1D;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.SimpleRNN;
import io.github.keras4j.layers.SpatialDropout1D;
import io.github.keras4j.layers.SpatialDropout2D;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.ThresholdedReLU;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * After its warm-up (the first step of each batch size), a compiled training step creates no data buffers, op contexts
 * or workspaces, whatever layer types, loss and optimizer the model has: counted on ND4J's deallocator service, which
 * numbers each of them when it is created.
 */
class NoNewBuffersTest {

    /** Trains a few steps at two batch sizes, then counts what ten more steps create. */
    private static long createdPerStep(Sequential model, INDArray x, INDArray y, boolean weighted) {
        return createdPerStep(model, x, y, null, weighted);
    }

    /** As above, with the batches' timestep mask (null for none). */
    private static long createdPerStep(Sequential model, INDArray x, INDArray y, INDArray mask, boolean weighted) {
        List<LayerStep> steps = new ArrayList<>();
        for (Layer layer : model.layers()) {
            steps.add(layer::compile);
        }
        long[] sampleShape = model.inputShape();
        CompiledTraining training = CompiledTraining.of(model.network(), steps, sampleShape, y.columns());
        long rows = x.size(0);
        INDArray smallX = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows - 1)).dup();
        INDArray smallY = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows - 1)).dup();
        INDArray smallMask = mask == null ? null
                : mask.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows - 1)).dup();
        double[] weights = weighted ? new double[] {1, 0.5, 2, 0, 1.5, 1} : null;
        double[] smallWeights = weighted ? new double[] {1, 0.5, 2, 0, 1.5} : null;
        for (int i = 0; i < 2; i++) {
            training.fit(x, y, mask, weights);
            training.fit(smallX, smallY, smallMask, smallWeights);
            training.lastOutput();
        }
        return NewBuffers.countedIn(() -> {
            for (int i = 0; i < 5; i++) {
                training.fit(x, y, mask, weights);
                training.lastOutput();
                training.fit(smallX, smallY, smallMask, smallWeights);
            }
        });
    }

    private static INDArray features() {
        Nd4j.getRandom().setSeed(2);
        return Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5);
    }

    private static INDArray labels(Losses loss) {
        if (loss.sparseLabels()) {
            return Nd4j.createFromArray(new float[][] {{0}, {2}, {1}, {1}, {0}, {2}});
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int row = 0; row < 6; row++) {
            y.putScalar(row, row % 3, 1f);
        }
        return y;
    }

    static Stream<Arguments> featureLayers() {
        return Stream.of(new Dense(5, "gelu").kernelRegularizer(Regularizers.l1L2(0.01, 0.01)), new Activation("elu"),
                new ELU(0.5), new LeakyReLU(), new ReLU().maxValue(2).threshold(0.1), new Softmax(),
                new ThresholdedReLU(), new Dropout(0.4), new BatchNormalization(), new PReLU(), new Flatten(),
                new LayerNormalization(), new LayerNormalization().center(false).scale(false))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("featureLayers")
    void layerTypesOnFeatures(Layer layer) {
        Sequential model = new Sequential().seed(1);
        model.add(new InputLayer(4));
        model.add(new Dense(5, "relu"));
        model.add(layer);
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        assertEquals(0, createdPerStep(model, features(), labels(Losses.CATEGORICAL_CROSSENTROPY), false));
    }

    @ParameterizedTest
    @MethodSource("imageLayers")
    void layerTypesOnImages(List<Layer> layers) {
        Sequential model = new Sequential().seed(1);
        layers.forEach(model::add);
        model.add(new Flatten());
        model.add(new Dense(3, "softmax"));
        model.compile("sgd", "categorical_crossentropy");
        Nd4j.getRandom().setSeed(3);
        assertEquals(0, createdPerStep(model, Nd4j.rand(DataType.FLOAT, 6, 5, 5, 2),
                labels(Losses.CATEGORICAL_CROSSENTROPY), false));
    }

    static Stream<Arguments> imageLayers() {
        return Stream.of(
                Arguments.of(List.of(new Conv2D(3, 3, 3).inputShape(5, 5, 2))),
                Arguments.of(List.of(new Conv2D(3, 2, 2).padding("same").activation("relu").inputShape(5, 5, 2),
                        new BatchNormalization(), new MaxPooling2D(2, 2))),
                Arguments.of(List.of(new Conv2D(2, 2, 2).activation("sigmoid").inputShape(5, 5, 2),
                        new AveragePooling2D(), new Dropout(0.1))),
                Arguments.of(List.of(new Conv2D(3, 2, 2).inputShape(5, 5, 2), new GlobalAveragePooling2D())),
                Arguments.of(List.of(new Conv2D(3, 2, 2).inputShape(5, 5, 2),
                        new GlobalMaxPooling2D().keepdims(true))));
    }

    @ParameterizedTest
    @EnumSource(Losses.class)
    void losses(Losses loss) {
        for (boolean weighted : new boolean[] {false, true}) {
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(5, "tanh").inputDim(4));
            model.add(new Dense(3, loss.sparseLabels() || loss == Losses.KL_DIVERGENCE ? "softmax" : "sigmoid"));
            model.compile("adam", loss);
            assertEquals(0, createdPerStep(model, features(), labels(loss), weighted), "weighted: " + weighted);
        }
    }

    static Stream<Arguments> optimizers() {
        List<Optimizer> all = List.of(new SGD(0.1), new SGD(0.1).momentum(0.9), new SGD(0.1).momentum(0.9)
                .nesterov(true).decay(0.01), new Adam(), new Adam().amsgrad(true), new Adamax(), new Nadam(),
                new Adagrad(), new Adadelta(), new RMSprop(), new RMSprop().centered(true).momentum(0.5),
                new RMSprop().rho(0.0), new RMSprop().epsilonOutsideSqrt(true));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void optimizers(Optimizer optimizer) {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(5, "relu").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile(optimizer, "categorical_crossentropy");
        assertEquals(0, createdPerStep(model, features(), labels(Losses.CATEGORICAL_CROSSENTROPY), false));
    }

    static Stream<Arguments> recurrentModels() {
        return Stream.of(
                Arguments.of("lstm", List.of(new InputLayer(4, 3), new LSTM(5)), false),
                Arguments.of("masking, lstm sequences backwards, lstm", List.of(new InputLayer(4, 3), new Masking(),
                        new LSTM(4).returnSequences(true).goBackwards(true), new LSTM(3)), true),
                Arguments.of("masking, gru sequences, simple rnn", List.of(new InputLayer(4, 3), new Masking(),
                        new GRU(4).returnSequences(true), new SimpleRNN(3)), true),
                Arguments.of("lstm sequences, global max 1d", List.of(new InputLayer(4, 3),
                        new LSTM(4).returnSequences(true), new GlobalMaxPooling1D()), false),
                Arguments.of("global average 1d keepdims, lstm", List.of(new InputLayer(4, 3),
                        new GlobalAveragePooling1D().keepdims(true), new LSTM(3)), false),
                Arguments.of("masking, lstm sequences, layer normalization, lstm", List.of(new InputLayer(4, 3),
                        new Masking(), new LSTM(4).returnSequences(true), new LayerNormalization(), new LSTM(3)),
                        true),
                Arguments.of("conv1d same, max pooling 1d, global average 1d", List.of(new InputLayer(4, 3),
                        new Conv1D(3, 2, "relu").padding("same"), new MaxPooling1D(2), new GlobalAveragePooling1D()),
                        false),
                Arguments.of("conv1d causal, average pooling 1d same, lstm", List.of(new InputLayer(4, 3),
                        new Conv1D(3, 2).padding("causal").dilationRate(2), new AveragePooling1D(2).padding("same"),
                        new LSTM(3)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentModels")
    void recurrentLayers(String name, List<Layer> layers, boolean masked) {
        Sequential model = new Sequential().seed(1);
        layers.forEach(model::add);
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4, 3);
        INDArray mask = masked ? Nd4j.createFromArray(new float[][] {{1, 1, 0, 0}, {1, 1, 1, 1}, {1, 0, 0, 0},
            {1, 1, 1, 0}, {1, 1, 1, 1}, {1, 1, 0, 0}}) : null;
        assertEquals(0, createdPerStep(model, x, labels(Losses.CATEGORICAL_CROSSENTROPY), mask, false));
    }

    /** The shape and noise layers, each in a model of features, images or sequences (sample shape first). */
    static Stream<Arguments> shapeLayers() {
        return Stream.of(
                Arguments.of("reshape to images", new long[] {12}, List.of(new InputLayer(12), new Reshape(3, 2, 2),
                        new Conv2D(2, 2, 2), new Flatten())),
                Arguments.of("permute images, reshape to features", new long[] {5, 4, 2}, List.of(
                        new Conv2D(2, 2, 2).inputShape(5, 4, 2), new Permute(2, 1, 3), new Reshape(-1))),
                Arguments.of("permute sequences", new long[] {4, 3}, List.of(new InputLayer(4, 3), new Permute(2, 1),
                        new LSTM(3))),
                Arguments.of("repeat vector", new long[] {4}, List.of(new InputLayer(4), new Dense(5, "relu"),
                        new RepeatVector(3), new LSTM(3))),
                Arguments.of("zero padding 2D, cropping 2D, upsampling 2D", new long[] {5, 4, 2}, List.of(
                        new ZeroPadding2D(1, 0, 2, 1).inputShape(5, 4, 2), new Conv2D(2, 2, 2), new Cropping2D(1, 1),
                        new UpSampling2D(2, 1), new Conv2D(2, 2, 2), new Flatten())),
                Arguments.of("cropping 2D first", new long[] {5, 4, 2}, List.of(
                        new Cropping2D(0, 1, 1, 0).inputShape(5, 4, 2), new Conv2D(2, 2, 2), new Flatten())),
                Arguments.of("zero padding 1D, cropping 1D, upsampling 1D", new long[] {4, 3}, List.of(
                        new InputLayer(4, 3), new LSTM(3).returnSequences(true), new ZeroPadding1D(1, 2),
                        new Cropping1D(2, 1), new UpSampling1D(2), new LSTM(3))),
                Arguments.of("gaussian noise, gaussian dropout", new long[] {4}, List.of(new GaussianNoise(0.3)
                        .inputShape(4), new Dense(5, "relu"), new GaussianDropout(0.2))),
                Arguments.of("spatial dropout 2D, gaussian noise on images", new long[] {5, 4, 2}, List.of(
                        new Conv2D(2, 2, 2).inputShape(5, 4, 2), new SpatialDropout2D(0.3), new GaussianNoise(0.1),
                        new Flatten())),
                Arguments.of("spatial dropout 1D", new long[] {4, 3}, List.of(new InputLayer(4, 3),
                        new SpatialDropout1D(0.3), new LSTM(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeLayers")
    void shapeAndNoiseLayers(String name, long[] sampleShape, List<Layer> layers) {
        Sequential model = new Sequential().seed(1);
        layers.forEach(model::add);
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = 6;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        Nd4j.getRandom().setSeed(5);
        assertEquals(0, createdPerStep(model, Nd4j.rand(DataType.FLOAT, shape),
                labels(Losses.CATEGORICAL_CROSSENTROPY), false));
    }

    static Stream<Arguments> tokenModels() {
        return Stream.of(
                Arguments.of("embedding, lstm", List.of(new Embedding(10, 3).inputLength(4), new LSTM(5))),
                Arguments.of("embedding mask_zero, gru sequences, simple rnn", List.of(
                        new Embedding(10, 3).maskZero(true), new GRU(4).returnSequences(true), new SimpleRNN(3))),
                Arguments.of("embedding mask_zero, global average 1d", List.of(new Embedding(10, 3).maskZero(true),
                        new GlobalAveragePooling1D())),
                Arguments.of("embedding, global max 1d", List.of(new Embedding(10, 3), new GlobalMaxPooling1D())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenModels")
    void layersOnTokens(String name, List<Layer> layers) {
        Sequential model = new Sequential().seed(1);
        layers.forEach(model::add);
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 0, 0}, {4, 5, 6, 7}, {3, 0, 0, 0}, {9, 8, 7, 0},
            {1, 1, 1, 1}, {2, 3, 0, 0}});
        INDArray mask = model.layers().get(0).computeMask(x);
        assertEquals(0, createdPerStep(model, x, labels(Losses.CATEGORICAL_CROSSENTROPY), mask, false));
    }
}
