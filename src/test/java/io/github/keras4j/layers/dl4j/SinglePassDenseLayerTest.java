package io.github.keras4j.layers.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.regularizers.Regularizers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single-pass dense layer must train exactly as DL4J's own DenseLayer: same weights bit for bit after many
 * steps, for every activation, with dropout and regularization, and the same input gradients when asked for them.
 */
class SinglePassDenseLayerTest {

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 12, 5).subi(0.5);
    private static final INDArray Y = Nd4j.rand(DataType.FLOAT, 12, 3).gt(0.5).castTo(DataType.FLOAT);

    private static Sequential model(String activation, boolean dropout, boolean l2) {
        Sequential model = new Sequential().seed(11);
        Dense first = new Dense(8, activation).inputDim(5);
        model.add(l2 ? first.kernelRegularizer(Regularizers.l2(0.01)) : first);
        if (dropout) {
            model.add(new Dropout(0.3));
        }
        model.add(new Dense(6, activation));
        model.add(new Dense(3, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        return model;
    }

    /** The same network and weights built from DL4J's own DenseLayer. */
    private static MultiLayerNetwork stockTwin(MultiLayerNetwork network) {
        String json = network.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(SinglePassDenseLayer.class.getName()));
        MultiLayerConfiguration stock = MultiLayerConfiguration.fromJson(
                json.replace(SinglePassDenseLayer.class.getName(), DenseLayer.class.getName()));
        MultiLayerNetwork twin = new MultiLayerNetwork(stock);
        twin.init(network.params().dup(), false);
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class, twin.getLayer(0).getClass());
        return twin;
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "sigmoid", "softmax", "elu", "linear"})
    void trainsBitIdenticallyToDl4jsDenseLayer(String activation) {
        assertSameTraining(model(activation, false, false));
    }

    @Test
    void trainsBitIdenticallyWithDropoutAndRegularization() {
        assertSameTraining(model("relu", true, true));
    }

    private static void assertSameTraining(Sequential model) {
        MultiLayerNetwork network = model.network();
        assertInstanceOf(SinglePassDenseLayerImpl.class, network.getLayer(0));
        MultiLayerNetwork stock = stockTwin(network);
        INDArray initial = network.params().dup();
        // keras4j's own fit loop, one full batch per epoch, against DL4J's fit on the same batch.
        Nd4j.getRandom().setSeed(3);
        model.fit(X, Y, Fit.epochs(30).batchSize(12).shuffle(false).verbose(0));
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 30; step++) {
            stock.fit(X, Y);
        }
        assertEquals(stock.params(), network.params());
        assertEquals(stock.score(), network.score(), 0.0);
        assertNotEquals(initial, network.params(), "training changed the weights");
    }

    @Test
    void aTrainingStepSkipsThreeOfDl4jsMatrixProducts() {
        MultiLayerNetwork network = model("relu", false, false).network();
        MultiLayerNetwork stock = stockTwin(network);
        Dl4jTranslator.inputGradientNeeded(network, false);
        network.fit(X, Y);
        stock.fit(X, Y);
        // Two hidden layers: each computes xW + b once instead of twice, the first skips the input gradient.
        long dl4js = MatrixProducts.countedIn(() -> stock.fit(X, Y));
        assertEquals(dl4js - 3, MatrixProducts.countedIn(() -> network.fit(X, Y)));
        Dl4jTranslator.inputGradientNeeded(network, true);
        assertEquals(dl4js - 2, MatrixProducts.countedIn(() -> network.fit(X, Y)));
    }

    @Test
    void fitSkipsTheInputGradientOnlyWhileItRuns() {
        Sequential model = model("relu", false, false);
        SinglePassDenseLayerImpl first = (SinglePassDenseLayerImpl) model.network().getLayer(0);
        assertTrue(first.inputGradientNeeded());
        List<Boolean> duringFit = new ArrayList<>();
        // The flag is DL4J's fit path's: the compiled step never computes the first layer's input gradient.
        Backend.compiledSteps(false);
        try {
            model.fit(X, Y, Fit.epochs(2).batchSize(4).verbose(0)
                    .callbacks(new LambdaCallback().onBatchEnd((batch, logs) -> duringFit.add(
                            first.inputGradientNeeded()))));
        } finally {
            Backend.compiledSteps(true);
        }
        assertEquals(List.of(false, false, false, false, false, false), duringFit);
        assertTrue(first.inputGradientNeeded(), "restored after fit");
    }

    @Test
    void inputGradientsAreDl4jsWhenAskedFor() {
        MultiLayerNetwork network = model("tanh", false, false).network();
        MultiLayerNetwork stock = stockTwin(network);
        Pair<Gradient, INDArray> ours = network.calculateGradients(X, Y, null, null);
        Pair<Gradient, INDArray> theirs = stock.calculateGradients(X, Y, null, null);
        assertNotNull(ours.getSecond());
        assertEquals(theirs.getSecond(), ours.getSecond());
        assertEquals(theirs.getFirst().gradient(), ours.getFirst().gradient());
    }

    @Test
    void aPreActivationIsNotReusedForAnotherInput() {
        MultiLayerNetwork network = model("relu", false, false).network();
        MultiLayerNetwork stock = stockTwin(network);
        network.initGradientsView();
        stock.initGradientsView();
        org.deeplearning4j.nn.api.Layer ours = network.getLayer(1);
        org.deeplearning4j.nn.api.Layer theirs = stock.getLayer(1);
        INDArray first = Nd4j.rand(DataType.FLOAT, 4, 8);
        INDArray second = Nd4j.rand(DataType.FLOAT, 4, 8);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 4, 6);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        ours.activate(first, true, noWorkspaces);
        ours.setInput(second, noWorkspaces);
        theirs.setInput(second, noWorkspaces);
        assertEquals(theirs.backpropGradient(epsilon.dup(), noWorkspaces).getSecond(),
                ours.backpropGradient(epsilon.dup(), noWorkspaces).getSecond());
    }

    @Test
    void theConfigurationIsDl4jsWithEverySettingCopied() throws Exception {
        DenseLayer built = new DenseLayer.Builder().nIn(4).nOut(7).activation(Activation.TANH).biasInit(0.25)
                .l2(0.5).dropOut(0.8).hasBias(false).name("hidden").build();
        SinglePassDenseLayer copy = SinglePassDenseLayer.of(built);
        assertEquals(built, copy);
        assertEquals(built.toString(), copy.toString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(copy);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object read = in.readObject();
            assertInstanceOf(SinglePassDenseLayer.class, read);
            assertEquals(copy, read);
        }
    }

    @Test
    void theNetworkConfigurationSurvivesDl4jsJson() {
        MultiLayerNetwork network = model("relu", true, true).network();
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(network.getLayerWiseConfigurations().toJson());
        assertEquals(network.getLayerWiseConfigurations(), read);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(read);
        rebuilt.init(network.params().dup(), false);
        assertInstanceOf(SinglePassDenseLayerImpl.class, rebuilt.getLayer(0));
        assertEquals(network.output(X), rebuilt.output(X));
    }
}
