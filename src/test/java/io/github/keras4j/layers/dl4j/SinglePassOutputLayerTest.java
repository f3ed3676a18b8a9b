package io.github.keras4j.layers.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.losses.Losses;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single-pass output layer must train, score and report its training output exactly as DL4J's OutputLayer
 * does (re-applied after the backward pass, as keras4j's metrics used to read it), for every keras4j loss.
 */
class SinglePassOutputLayerTest {

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 10, 4).subi(0.5);

    private static INDArray labels(Losses loss) {
        if (loss.sparseLabels()) {
            return Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {1}, {0}, {2}, {2}, {1}, {0}, {1}});
        }
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 10, 3);
        for (int row = 0; row < 10; row++) {
            oneHot.putScalar(row, (row * 7) % 3, 1f);
        }
        return oneHot;
    }

    private static MultiLayerNetwork network(Losses loss) {
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(6, "tanh").inputDim(4));
        model.add(new Dense(3, "softmax"));
        model.compile("adam", loss);
        MultiLayerNetwork network = model.network();
        assertInstanceOf(SinglePassOutputLayerImpl.class, network.getOutputLayer());
        return network;
    }

    /** The same network and weights built from DL4J's own layers. */
    private static MultiLayerNetwork stockTwin(MultiLayerNetwork network) {
        String json = network.getLayerWiseConfigurations().toJson()
                .replace(SinglePassDenseLayer.class.getName(), DenseLayer.class.getName())
                .replace(SinglePassOutputLayer.class.getName(), OutputLayer.class.getName());
        MultiLayerNetwork twin = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        twin.init(network.params().dup(), false);
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, twin.getOutputLayer().getClass());
        return twin;
    }

    /** Each step's score and training output, read where keras4j's metrics read them: after the backward pass. */
    private static final class Recorder extends BaseTrainingListener {
        final List<Double> scores = new ArrayList<>();
        final List<INDArray> outputs = new ArrayList<>();

        @Override
        public void onBackwardPass(Model model) {
            MultiLayerNetwork network = (MultiLayerNetwork) model;
            scores.add(network.score());
            INDArray output = network.getOutputLayer() instanceof SinglePassOutputLayerImpl singlePass
                    ? singlePass.trainingOutput()
                    : network.getOutputLayer().activate(false, LayerWorkspaceMgr.noWorkspacesImmutable());
            assertNotNull(output);
            outputs.add(output);
        }
    }

    @ParameterizedTest
    @EnumSource(Losses.class)
    void trainsScoresAndOutputsBitIdenticallyToDl4jsOutputLayer(Losses loss) {
        MultiLayerNetwork network = network(loss);
        MultiLayerNetwork stock = stockTwin(network);
        INDArray initial = network.params().dup();
        Recorder ours = new Recorder();
        Recorder theirs = new Recorder();
        network.addListeners(ours);
        stock.addListeners(theirs);
        INDArray y = labels(loss);
        for (int step = 0; step < 8; step++) {
            network.fit(X, y);
            stock.fit(X, y);
        }
        assertEquals(theirs.scores, ours.scores);
        assertEquals(theirs.outputs, ours.outputs);
        assertEquals(stock.params(), network.params());
        assertNotEquals(initial, network.params(), "training changed the weights");
    }

    @Test
    void aStepWithTrainingOutputSkipsTwoOutputLayerProducts() {
        MultiLayerNetwork network = network(Losses.CATEGORICAL_CROSSENTROPY);
        MultiLayerNetwork stock = stockTwin(network);
        network.addListeners(new Recorder());
        stock.addListeners(new Recorder());
        INDArray y = labels(Losses.CATEGORICAL_CROSSENTROPY);
        network.fit(X, y);
        stock.fit(X, y);
        // The hidden layer's recomputed xW + b, the score's and the training output's.
        long dl4js = MatrixProducts.countedIn(() -> stock.fit(X, y));
        assertEquals(dl4js - 3, MatrixProducts.countedIn(() -> network.fit(X, y)));
    }

    @Test
    void noTrainingOutputOutsideTheStepOrForAnotherInput() {
        MultiLayerNetwork network = network(Losses.MEAN_SQUARED_ERROR);
        network.fit(X, labels(Losses.MEAN_SQUARED_ERROR));
        SinglePassOutputLayerImpl output = (SinglePassOutputLayerImpl) network.getOutputLayer();
        // The step's workspace is closed (and the layer cleared) once fit returns: nothing stale is handed out.
        assertNull(output.trainingOutput());

        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        network.initGradientsView();
        output.setInput(Nd4j.rand(DataType.FLOAT, 10, 6), noWorkspaces);
        output.setLabels(labels(Losses.MEAN_SQUARED_ERROR));
        output.backpropGradient(null, noWorkspaces);
        assertNotNull(output.trainingOutput());
        output.setInput(Nd4j.rand(DataType.FLOAT, 10, 6), noWorkspaces);
        assertNull(output.trainingOutput());
    }

    @Test
    void theNetworkConfigurationSurvivesDl4jsJson() {
        MultiLayerNetwork network = network(Losses.BINARY_CROSSENTROPY);
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(network.getLayerWiseConfigurations().toJson());
        assertEquals(network.getLayerWiseConfigurations(), read);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(read);
        rebuilt.init(network.params().dup(), false);
        assertInstanceOf(SinglePassOutputLayerImpl.class, rebuilt.getOutputLayer());
        assertEquals(network.output(X), rebuilt.output(X));
    }
}
