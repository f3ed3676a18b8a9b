package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * Every optimizer, through the DL4J updater its {@code toDl4j()} builds (ND4J's own or ours), moves the parameters
 * exactly as Keras's update rule computed independently in {@link KerasReference}: to 1e-12 in float64, to float32
 * rounding in float32. Learning rates and epsilons are chosen large enough that every term of each rule shows.
 */
class OptimizerUpdateRuleTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                new SGD(),
                new SGD(0.1),
                new SGD(0.1).momentum(0.9),
                new SGD(0.1).momentum(0.5).nesterov(true),
                new SGD(0.1).nesterov(true),
                new Adam(),
                new Adam(0.1),
                new Adam(0.1).beta1(0.5).beta2(0.8).epsilon(0.1),
                new Adam(0.1).amsgrad(true),
                new Adam(0.1).beta2(0.5).epsilon(0.01).amsgrad(true),
                new Adamax(),
                new Adamax(0.1),
                new Adamax(0.1).beta1(0.5).beta2(0.8).epsilon(0.1),
                new Nadam(),
                new Nadam(0.1),
                new Nadam(0.1).beta1(0.5).beta2(0.8).epsilon(0.1),
                new Nadam(0.1).beta1(0.0),
                new Nadam().scheduleDecay(Nadam.STANDALONE_SCHEDULE_DECAY),
                new Nadam(0.1).beta1(0.5).beta2(0.8).epsilon(0.1).scheduleDecay(Nadam.STANDALONE_SCHEDULE_DECAY),
                new Nadam(0.1).scheduleDecay(0.0),
                new Adagrad(),
                new Adagrad(0.1),
                new Adagrad(0.1).initialAccumulatorValue(0.0).epsilon(0.01),
                new Adadelta(),
                new Adadelta(1.0),
                new Adadelta(0.5).rho(0.5).epsilon(0.01),
                new RMSprop(),
                new RMSprop(0.1),
                new RMSprop(0.1).rho(0.5).epsilon(0.1),
                new RMSprop(0.1).rho(0.0),
                new RMSprop(0.1).rho(1.0),
                new RMSprop(0.1).momentum(0.9),
                new RMSprop(0.1).centered(true),
                new RMSprop(0.1).rho(0.5).epsilon(0.01).centered(true).momentum(0.5),
                new RMSprop().epsilonOutsideSqrt(true),
                new RMSprop(0.1).rho(0.5).epsilon(0.1).epsilonOutsideSqrt(true),
                new RMSprop(0.1).rho(0.0).epsilonOutsideSqrt(true),
                new RMSprop(0.1).rho(0.5).epsilon(0.01).centered(true).epsilonOutsideSqrt(true))
                .map(Arguments::of);
    }

    /** Each older Keras's variant moves the parameters elsewhere than tf.keras 2.11+'s rule, so the options matter. */
    static Stream<Arguments> olderKerasVariants() {
        return Stream.of(
                Arguments.of(new Nadam(0.1).scheduleDecay(Nadam.STANDALONE_SCHEDULE_DECAY), new Nadam(0.1)),
                Arguments.of(new RMSprop(0.1).epsilon(0.1).epsilonOutsideSqrt(true), new RMSprop(0.1).epsilon(0.1)),
                Arguments.of(new RMSprop(0.1).rho(0.5).epsilon(0.01).centered(true).epsilonOutsideSqrt(true),
                        new RMSprop(0.1).rho(0.5).epsilon(0.01).centered(true)));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("olderKerasVariants")
    void olderKerasVariantsComputeSomethingElse(Optimizer variant, Optimizer current) {
        double[][] expected = UpdaterHarness.kerasTrajectory(current);
        double[][] actual = UpdaterHarness.dl4jTrajectory(variant.toDl4j(), DataType.DOUBLE, -1);
        assertTrue(largestDeviation(expected, actual) > 1e-4, variant + " unexpectedly follows " + current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void float64MatchesKerasTo1e12(Optimizer optimizer) {
        assertMatchesKeras(optimizer, DataType.DOUBLE, 1e-12, UpdaterHarness.GRADIENTS.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void float32MatchesKerasToFloatRounding(Optimizer optimizer) {
        assertMatchesKeras(optimizer, DataType.FLOAT, 1e-6, UpdaterHarness.GRADIENTS.length);
    }

    /** A new GradientUpdater on the saved state (initialize = false) continues exactly where the old one stopped. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumesFromItsStateView(Optimizer optimizer) {
        assertMatchesKeras(optimizer, DataType.DOUBLE, 1e-12, 3);
    }

    /**
     * The reason our updaters exist, and proof that the comparison above can fail: ND4J's closest updaters,
     * given the same hyperparameters, move the parameters elsewhere than Keras does.
     */
    static Stream<Arguments> nd4jLookalikes() {
        return Stream.of(
                Arguments.of(new SGD(0.1).momentum(0.9), new Nesterovs(0.1, 0.9)),
                Arguments.of(new Adamax(0.1).epsilon(0.1), new AdaMax(0.1, 0.9, 0.999, 0.1)),
                Arguments.of(new Nadam(0.1), new org.nd4j.linalg.learning.config.Nadam(0.1, 0.9, 0.999, 1e-7)),
                Arguments.of(new Adagrad(0.1), new AdaGrad(0.1, 1e-7)),
                Arguments.of(new RMSprop(0.1).epsilon(0.01), new RmsProp(0.1, 0.9, 0.01)));
    }

    @ParameterizedTest(name = "{0} vs ND4J's {1}")
    @MethodSource("nd4jLookalikes")
    void nd4jsOwnUpdatersComputeSomethingElse(Optimizer optimizer, IUpdater nd4jUpdater) {
        double[][] expected = UpdaterHarness.kerasTrajectory(optimizer);
        double[][] actual = UpdaterHarness.dl4jTrajectory(nd4jUpdater, DataType.DOUBLE, -1);
        assertTrue(largestDeviation(expected, actual) > 1e-4, "ND4J's " + nd4jUpdater + " unexpectedly follows "
                + "Keras's rule");
    }

    private static double largestDeviation(double[][] expected, double[][] actual) {
        double largestDeviation = 0;
        for (int step = 0; step < expected.length; step++) {
            for (int i = 0; i < expected[step].length; i++) {
                largestDeviation = Math.max(largestDeviation, Math.abs(expected[step][i] - actual[step][i]));
            }
        }
        return largestDeviation;
    }

    private static void assertMatchesKeras(Optimizer optimizer, DataType dataType, double tolerance, int restartAt) {
        double[][] expected = UpdaterHarness.kerasTrajectory(optimizer);
        double[][] actual = UpdaterHarness.dl4jTrajectory(optimizer.toDl4j(), dataType, restartAt);
        for (int step = 0; step < expected.length; step++) {
            for (int i = 0; i < expected[step].length; i++) {
                double scale = Math.max(1.0, Math.abs(expected[step][i]));
                assertEquals(expected[step][i], actual[step][i], tolerance * scale,
                        optimizer + " " + dataType + ": parameter " + i + " after step " + (step + 1));
            }
        }
    }
}
