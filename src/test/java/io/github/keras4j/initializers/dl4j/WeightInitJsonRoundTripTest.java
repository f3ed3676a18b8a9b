package io.github.keras4j.initializers.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every DL4J weight initializer our initializers hand out, ours and DL4J's, survives
 * {@code MultiLayerConfiguration.toJson()} / {@code fromJson()} (what DL4J's ModelSerializer uses), and the
 * reloaded configuration initializes the same weights from the same seed.
 */
class WeightInitJsonRoundTripTest {

    static Stream<IWeightInit> weightInits() {
        Stream<IWeightInit> ours = Stream.of(
                new VarianceScalingWeightInit(0.7, FanMode.FAN_OUT, ScalingDistribution.TRUNCATED_NORMAL),
                new VarianceScalingWeightInit(2.0, FanMode.FAN_AVG, ScalingDistribution.UNTRUNCATED_NORMAL),
                new VarianceScalingWeightInit(1.0, FanMode.FAN_IN, ScalingDistribution.UNIFORM),
                new TruncatedNormalWeightInit(0.25, 0.5),
                new OrthogonalWeightInit(1.5),
                new IdentityWeightInit(0.5));
        Stream<IWeightInit> handedOut = Stream.of(Initializers.values()).map(Initializers::create)
                .map(Initializer::toDl4j);
        return Stream.concat(ours, handedOut);
    }

    private static MultiLayerConfiguration configuration(IWeightInit kernelInit) {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).weightInit(kernelInit).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightInits")
    void survivesDl4jJsonRoundTrip(IWeightInit kernelInit) {
        MultiLayerConfiguration original = configuration(kernelInit);
        String json = original.toJson();
        assertTrue(json.contains(kernelInit.getClass().getName()), json);
        MultiLayerConfiguration reloaded = MultiLayerConfiguration.fromJson(json);

        IWeightInit reloadedInit = ((DenseLayer) reloaded.getConf(0).getLayer()).getWeightInitFn();
        assertNotSame(kernelInit, reloadedInit);
        assertEquals(kernelInit, reloadedInit);
        assertEquals(kernelInit.hashCode(), reloadedInit.hashCode());
        assertEquals(original, reloaded);

        MultiLayerNetwork first = new MultiLayerNetwork(original);
        first.init();
        MultiLayerNetwork second = new MultiLayerNetwork(reloaded);
        second.init();
        assertEquals(first.getParam("0_W"), second.getParam("0_W"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightInits")
    void survivesConfigurationClone(IWeightInit kernelInit) {
        MultiLayerConfiguration original = configuration(kernelInit);
        assertEquals(original, original.clone());
        assertEquals(List.of(kernelInit), List.of(((DenseLayer) original.clone().getConf(0).getLayer()).getWeightInitFn()));
    }
}
