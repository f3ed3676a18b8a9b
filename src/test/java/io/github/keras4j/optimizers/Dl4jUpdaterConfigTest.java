package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.optimizers.dl4j.AbstractKerasUpdater;
import io.github.keras4j.optimizers.dl4j.KerasAdadelta;
import io.github.keras4j.optimizers.dl4j.KerasAdagrad;
import io.github.keras4j.optimizers.dl4j.KerasAdamax;
import io.github.keras4j.optimizers.dl4j.KerasNadam;
import io.github.keras4j.optimizers.dl4j.KerasRmsProp;
import io.github.keras4j.optimizers.dl4j.KerasSgdMomentum;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Our DL4J updater configurations as DL4J handles them: JSON, cloning, learning-rate changes, saved state. */
class Dl4jUpdaterConfigTest {

    static Stream<Arguments> updaters() {
        return Stream.of(
                new KerasSgdMomentum(0.1, 0.9),
                new KerasAdamax(0.1, 0.8, 0.99, 1e-3),
                new KerasNadam(0.1, 0.8, 0.99, 1e-3),
                new KerasNadam(0.1, 0.8, 0.99, 1e-3, 0.004),
                new KerasAdagrad(0.1, 0.2, 1e-3),
                new KerasAdadelta(0.1, 0.9, 1e-3),
                new KerasRmsProp(0.1, 0.8, 0.0, 1e-3, false),
                new KerasRmsProp(0.1, 0.8, 0.5, 1e-3, true),
                new KerasRmsProp(0.1, 0.8, 0.0, 1e-3, true, true))
                .map(Arguments::of);
    }

    /** The updaters whose saved state is not simply Keras's slots, or that derive part of their state. */
    static Stream<Arguments> updatersWithDerivedState() {
        return Stream.of(
                new KerasNadam(0.1, 0.8, 0.99, 1e-3),
                new KerasAdagrad(0.1, 0.2, 1e-3),
                new KerasRmsProp(0.1, 0.8, 0.5, 1e-3, false))
                .map(Arguments::of);
    }

    private static MultiLayerConfiguration oneLayer(IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(updater)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(2).nOut(1).activation(Activation.IDENTITY).build())
                .build();
    }

    private static IUpdater updaterOf(MultiLayerConfiguration configuration) {
        return ((BaseLayer) configuration.getConf(0).getLayer()).getIUpdater();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaters")
    void survivesDl4jJsonRoundTrip(AbstractKerasUpdater updater) {
        MultiLayerConfiguration configuration = oneLayer(updater);
        String json = configuration.toJson();
        assertTrue(json.contains(updater.getClass().getName()), json);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(updater, updaterOf(restored));
        assertNotSame(updater, updaterOf(restored));
        assertEquals(configuration, restored);
    }

    /** DL4J JSON written before the older Keras's options existed reads as the tf.keras 2.11+ rule it computed. */
    @Test
    void jsonWithoutTheOlderKerasOptionsMeansTfKeras211() {
        String rmsprop = oneLayer(new KerasRmsProp(0.1, 0.9, 0.0, 1e-7, false)).toJson();
        String nadam = oneLayer(new KerasNadam(0.1, 0.9, 0.999, 1e-7)).toJson();
        String oldRmsprop = rmsprop.replaceAll(",\\s*\"epsilonOutsideSqrt\"\\s*:\\s*false", "");
        String oldNadam = nadam.replaceAll(",\\s*\"scheduleDecay\"\\s*:\\s*1\\.0", "");
        assertNotEquals(rmsprop, oldRmsprop);
        assertNotEquals(nadam, oldNadam);
        assertEquals(new KerasRmsProp(0.1, 0.9, 0.0, 1e-7, false),
                updaterOf(MultiLayerConfiguration.fromJson(oldRmsprop)));
        assertEquals(new KerasNadam(0.1, 0.9, 0.999, 1e-7), updaterOf(MultiLayerConfiguration.fromJson(oldNadam)));
    }

    @Test
    void jsonKeepsALearningRateSchedule() {
        KerasRmsProp updater = new KerasRmsProp(0.1, 0.9, 0.0, 1e-7, false);
        updater.setLrAndSchedule(Double.NaN, new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.5));
        IUpdater restored = updaterOf(MultiLayerConfiguration.fromJson(oneLayer(updater).toJson()));
        assertEquals(updater, restored);
        assertEquals(0.025, restored.getLearningRate(2, 0), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaters")
    void cloneIsEqualAndIndependent(AbstractKerasUpdater updater) {
        AbstractKerasUpdater copy = updater.clone();
        assertEquals(updater, copy);
        assertEquals(updater.hashCode(), copy.hashCode());
        copy.setLrAndSchedule(0.5, null);
        assertNotEquals(updater, copy);
        assertEquals(0.1, updater.getLearningRate(0, 0));
        assertEquals(0.5, copy.getLearningRate(0, 0));
        assertTrue(copy.hasLearningRate());
    }

    @Test
    void differentHyperparametersAreDifferentConfigurations() {
        // DL4J shares one updater block between layers only when their configurations are equal.
        assertNotEquals(new KerasSgdMomentum(0.1, 0.9), new KerasSgdMomentum(0.1, 0.8));
        assertNotEquals(new KerasRmsProp(0.1, 0.9, 0, 1e-7, false), new KerasRmsProp(0.1, 0.9, 0, 1e-7, true));
        assertNotEquals(new KerasRmsProp(0.1, 0.9, 0, 1e-7, false), new KerasRmsProp(0.1, 0.9, 0, 1e-7, false, true));
        assertNotEquals(new KerasNadam(0.1, 0.9, 0.999, 1e-7), new KerasAdamax(0.1, 0.9, 0.999, 1e-7));
        assertNotEquals(new KerasNadam(0.1, 0.9, 0.999, 1e-7), new KerasNadam(0.1, 0.9, 0.999, 1e-7, 0.004));
        assertNotEquals(new KerasAdagrad(0.1, 0.1, 1e-7), new KerasAdagrad(0.1, 0.2, 1e-7));
        assertNotEquals(new KerasAdadelta(0.1, 0.9, 1e-7), new KerasAdadelta(0.1, 0.9, 1e-6));
    }

    @Test
    void stateSizesFollowKerasSlots() {
        assertEquals(10, new KerasSgdMomentum(0.1, 0.9).stateSize(10));
        assertEquals(20, new KerasAdamax(0.1, 0.9, 0.999, 1e-7).stateSize(10));
        assertEquals(20, new KerasNadam(0.1, 0.9, 0.999, 1e-7).stateSize(10));
        assertEquals(10, new KerasAdagrad(0.1, 0.1, 1e-7).stateSize(10));
        assertEquals(20, new KerasAdadelta(0.1, 0.9, 1e-7).stateSize(10));
        assertEquals(10, new KerasRmsProp(0.1, 0.9, 0.0, 1e-7, false).stateSize(10));
        assertEquals(20, new KerasRmsProp(0.1, 0.9, 0.5, 1e-7, false).stateSize(10));
        assertEquals(30, new KerasRmsProp(0.1, 0.9, 0.5, 1e-7, true).stateSize(10));
    }

    @Test
    void stateMapsUseKerasSlotNames() {
        assertEquals(Set.of("m"), stateKeys(new KerasSgdMomentum(0.1, 0.9)));
        assertEquals(Set.of("m", "u"), stateKeys(new KerasAdamax(0.1, 0.9, 0.999, 1e-7)));
        assertEquals(Set.of("m", "v"), stateKeys(new KerasNadam(0.1, 0.9, 0.999, 1e-7)));
        assertEquals(Set.of("accumulator"), stateKeys(new KerasAdagrad(0.1, 0.1, 1e-7)));
        assertEquals(Set.of("accumulated_grad", "accumulated_delta_var"), stateKeys(new KerasAdadelta(0.1, 0.9, 1e-7)));
        assertEquals(Set.of("velocity", "momentum", "average_gradient"),
                stateKeys(new KerasRmsProp(0.1, 0.9, 0.5, 1e-7, true)));
        assertEquals(Set.of("velocity"), stateKeys(new KerasRmsProp(0.1, 0.9, 0.0, 1e-7, false)));
    }

    private static Set<String> stateKeys(IUpdater updater) {
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, updater.stateSize(4));
        return updater.instantiate(view, true).getState().keySet();
    }

    /** SameDiff hands the state over as a map of named arrays; the updater must compute the same steps. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("updaters")
    void stateMapGivesTheSameStepsAsTheStateView(AbstractKerasUpdater updater) {
        int n = 4;
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, updater.stateSize(n));
        GradientUpdater<?> fromView = updater.instantiate(view, true);
        Map<String, INDArray> state = new HashMap<>();
        fromView.getState().forEach((key, array) -> state.put(key, Nd4j.zeros(DataType.DOUBLE, n)));
        GradientUpdater<?> fromMap = updater.instantiate(state, true);
        for (int iteration = 0; iteration < 3; iteration++) {
            INDArray gradient = Nd4j.createFromArray(0.5, -1.0, 0.25 * iteration, 2.0);
            INDArray viaView = gradient.dup();
            INDArray viaMap = gradient.dup();
            fromView.applyUpdater(viaView, iteration, 0);
            fromMap.applyUpdater(viaMap, iteration, 0);
            assertArrayEquals(viaView.toDoubleVector(), viaMap.toDoubleVector(), 1e-15);
        }
    }

    @Test
    void stateMapWithWrongKeysIsRejected() {
        Map<String, INDArray> wrong = Map.of("v", Nd4j.zeros(DataType.DOUBLE, 4));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new KerasAdamax(0.1, 0.9, 0.999, 1e-7).instantiate(wrong, true));
        assertEquals("updater state must hold exactly the keys m, u, received: [v]", error.getMessage());
    }

    @Test
    void learningRateChangeTakesEffectOnTheNextStep() {
        // As Keras's optimizer.learning_rate = x between steps; DL4J's setLearningRate changes the configuration.
        KerasSgdMomentum updater = new KerasSgdMomentum(0.1, 0.9);
        GradientUpdater<?> gradientUpdater = updater.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 1), true);
        INDArray first = Nd4j.createFromArray(1.0);
        gradientUpdater.applyUpdater(first, 0, 0);
        updater.setLrAndSchedule(0.01, null);
        INDArray second = Nd4j.createFromArray(1.0);
        gradientUpdater.applyUpdater(second, 1, 0);
        // velocity: -0.1, then 0.9 * -0.1 - 0.01 * 1 = -0.1; DL4J subtracts minus the velocity.
        assertEquals(0.1, first.getDouble(0), 1e-15);
        assertEquals(0.1, second.getDouble(0), 1e-15);
    }

    /**
     * {@code MultiLayerNetwork.setLearningRate} (what a learning-rate callback uses) reaches our configuration and
     * rebuilds the gradient updaters on the existing state: the next steps equal those of a network that had the
     * new rate in its configuration from that point, i.e. a twin given the same state and the new rate.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("updatersWithDerivedState")
    void networkLearningRateChangeKeepsTheState(AbstractKerasUpdater updater) {
        MultiLayerNetwork network = new MultiLayerNetwork(twoLayers(updater));
        network.init();
        INDArray features = Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.3}, {-0.4, 0.5, 0.6}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.0, 1.0}});
        network.fit(features, labels);
        network.fit(features, labels);

        AbstractKerasUpdater slower = updater.clone();
        slower.setLrAndSchedule(0.01, null);
        MultiLayerNetwork twin = new MultiLayerNetwork(twoLayers(slower));
        twin.init(network.params().dup(), true);
        twin.getUpdater().setStateViewArray(twin, network.getUpdater().getStateViewArray().dup(), false);
        twin.setIterationCount(network.getIterationCount());

        network.setLearningRate(0.01);
        assertEquals(0.01, ((BaseLayer) network.getLayer(1).conf().getLayer()).getIUpdater().getLearningRate(2, 0));
        network.fit(features, labels);
        twin.fit(features, labels);
        assertArrayEquals(twin.params().toDoubleVector(), network.params().toDoubleVector(), 1e-15);
    }

    private static MultiLayerConfiguration twoLayers(IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build();
    }

    /** Training, saving with the updater state, loading and training on gives what training on would have. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("updatersWithDerivedState")
    void savedUpdaterStateResumesTraining(AbstractKerasUpdater updater) throws IOException {
        MultiLayerNetwork network = new MultiLayerNetwork(twoLayers(updater));
        network.init();
        INDArray features = Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.3}, {-0.4, 0.5, 0.6}, {0.7, -0.8, 0.9}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.0, 1.0}, {0.5, 0.5}});
        network.fit(features, labels);
        network.fit(features, labels);

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(saved.toByteArray()), true);

        for (int step = 0; step < 2; step++) {
            network.fit(features, labels);
            restored.fit(features, labels);
        }
        assertArrayEquals(network.params().toDoubleVector(), restored.params().toDoubleVector(), 1e-15);
        assertEquals(updater, restored.getLayer(0).conf().getLayer() instanceof BaseLayer base
                ? base.getIUpdater() : null);
    }
}
