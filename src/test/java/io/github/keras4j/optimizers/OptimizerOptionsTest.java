package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.optimizers.dl4j.KerasAdadelta;
import io.github.keras4j.optimizers.dl4j.KerasAdagrad;
import io.github.keras4j.optimizers.dl4j.KerasAdamax;
import io.github.keras4j.optimizers.dl4j.KerasNadam;
import io.github.keras4j.optimizers.dl4j.KerasRmsProp;
import io.github.keras4j.optimizers.dl4j.KerasSgdMomentum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** Defaults (also as the built DL4J configuration carries them), fluent copies, validation and Keras configs. */
class OptimizerOptionsTest {

    private static final List<String> BASE_KEYS = List.of("name", "weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "jit_compile", "is_legacy_optimizer",
            "learning_rate");

    // ---- defaults, read back from the DL4J configuration that training uses ----

    @Test
    void sgdDefaults() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0.0, sgd.momentum());
        assertFalse(sgd.nesterov());
        Sgd dl4j = assertInstanceOf(Sgd.class, sgd.toDl4j());
        assertEquals(0.01, dl4j.getLearningRate());
    }

    @Test
    void sgdWithMomentumBuildsClassicalMomentum() {
        KerasSgdMomentum dl4j = assertInstanceOf(KerasSgdMomentum.class, new SGD(0.05).momentum(0.99).toDl4j());
        assertEquals(0.05, dl4j.getLearningRate());
        assertEquals(0.99, dl4j.getMomentum());
    }

    @Test
    void sgdWithNesterovBuildsNd4jNesterovs() {
        Nesterovs dl4j = assertInstanceOf(Nesterovs.class, new SGD().momentum(0.9).nesterov(true).toDl4j());
        assertEquals(0.01, dl4j.getLearningRate());
        assertEquals(0.9, dl4j.getMomentum());
        assertInstanceOf(Sgd.class, new SGD().nesterov(true).toDl4j(), "nesterov without momentum is plain SGD");
    }

    @Test
    void adamDefaults() {
        Adam adam = new Adam();
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertFalse(adam.amsgrad());
        org.nd4j.linalg.learning.config.Adam dl4j =
                assertInstanceOf(org.nd4j.linalg.learning.config.Adam.class, adam.toDl4j());
        assertEquals(0.001, dl4j.getLearningRate());
        assertEquals(0.9, dl4j.getBeta1());
        assertEquals(0.999, dl4j.getBeta2());
        assertEquals(1e-7, dl4j.getEpsilon(), "Keras's epsilon, not DL4J's 1e-8");
    }

    @Test
    void adamWithAmsgradBuildsNd4jAmsGrad() {
        AMSGrad dl4j = assertInstanceOf(AMSGrad.class, new Adam(0.01).beta2(0.99).amsgrad(true).toDl4j());
        assertEquals(0.01, dl4j.getLearningRate());
        assertEquals(0.9, dl4j.getBeta1());
        assertEquals(0.99, dl4j.getBeta2());
        assertEquals(1e-7, dl4j.getEpsilon());
    }

    @Test
    void adamaxDefaults() {
        Adamax adamax = new Adamax();
        assertEquals(List.of(0.001, 0.9, 0.999, 1e-7),
                List.of(adamax.learningRate(), adamax.beta1(), adamax.beta2(), adamax.epsilon()));
        KerasAdamax dl4j = assertInstanceOf(KerasAdamax.class, adamax.toDl4j());
        assertEquals(List.of(0.001, 0.9, 0.999, 1e-7),
                List.of(dl4j.getLearningRate(), dl4j.getBeta1(), dl4j.getBeta2(), dl4j.getEpsilon()));
    }

    @Test
    void nadamDefaults() {
        Nadam nadam = new Nadam();
        assertEquals(List.of(0.001, 0.9, 0.999, 1e-7),
                List.of(nadam.learningRate(), nadam.beta1(), nadam.beta2(), nadam.epsilon()));
        KerasNadam dl4j = assertInstanceOf(KerasNadam.class, nadam.toDl4j());
        assertEquals(List.of(0.001, 0.9, 0.999, 1e-7),
                List.of(dl4j.getLearningRate(), dl4j.getBeta1(), dl4j.getBeta2(), dl4j.getEpsilon()));
        assertEquals(1.0, nadam.scheduleDecay(), "tf.keras 2.11+'s 0.96^t");
        assertEquals(1.0, dl4j.getScheduleDecay());
    }

    @Test
    void adagradDefaults() {
        Adagrad adagrad = new Adagrad();
        assertEquals(List.of(0.001, 0.1, 1e-7),
                List.of(adagrad.learningRate(), adagrad.initialAccumulatorValue(), adagrad.epsilon()));
        KerasAdagrad dl4j = assertInstanceOf(KerasAdagrad.class, adagrad.toDl4j());
        assertEquals(List.of(0.001, 0.1, 1e-7),
                List.of(dl4j.getLearningRate(), dl4j.getInitialAccumulatorValue(), dl4j.getEpsilon()));
    }

    @Test
    void adadeltaDefaults() {
        Adadelta adadelta = new Adadelta();
        assertEquals(List.of(0.001, 0.95, 1e-7), List.of(adadelta.learningRate(), adadelta.rho(), adadelta.epsilon()));
        KerasAdadelta dl4j = assertInstanceOf(KerasAdadelta.class, adadelta.toDl4j());
        assertEquals(List.of(0.001, 0.95, 1e-7), List.of(dl4j.getLearningRate(), dl4j.getRho(), dl4j.getEpsilon()));
    }

    @Test
    void rmspropDefaults() {
        RMSprop rmsprop = new RMSprop();
        assertEquals(List.of(0.001, 0.9, 0.0, 1e-7),
                List.of(rmsprop.learningRate(), rmsprop.rho(), rmsprop.momentum(), rmsprop.epsilon()));
        assertFalse(rmsprop.centered());
        KerasRmsProp dl4j = assertInstanceOf(KerasRmsProp.class, rmsprop.toDl4j());
        assertEquals(List.of(0.001, 0.9, 0.0, 1e-7),
                List.of(dl4j.getLearningRate(), dl4j.getRho(), dl4j.getMomentum(), dl4j.getEpsilon()));
        assertFalse(dl4j.isCentered());
        assertFalse(rmsprop.epsilonOutsideSqrt(), "tf.keras 2.11+'s sqrt(velocity + epsilon)");
        assertFalse(dl4j.isEpsilonOutsideSqrt());
    }

    @Test
    void olderKerasVariantsReachTheDl4jUpdater() {
        KerasRmsProp rmsprop = assertInstanceOf(KerasRmsProp.class,
                new RMSprop().centered(true).epsilonOutsideSqrt(true).toDl4j());
        assertTrue(rmsprop.isEpsilonOutsideSqrt());
        assertTrue(rmsprop.isCentered());
        KerasNadam nadam = assertInstanceOf(KerasNadam.class, new Nadam().scheduleDecay(0.004).toDl4j());
        assertEquals(0.004, nadam.getScheduleDecay());
    }

    @Test
    void olderKerasVariantsKeepTheirOptionsThroughFluentSetters() {
        RMSprop rmsprop = new RMSprop().epsilonOutsideSqrt(true).rho(0.5).centered(true).learningRate(0.01);
        assertTrue(rmsprop.epsilonOutsideSqrt());
        assertFalse(rmsprop.epsilonOutsideSqrt(false).epsilonOutsideSqrt());
        assertNotEquals(new RMSprop(), new RMSprop().epsilonOutsideSqrt(true));
        Nadam nadam = new Nadam().scheduleDecay(0.004).beta1(0.8).epsilon(1e-3).learningRate(0.01);
        assertEquals(0.004, nadam.scheduleDecay());
        assertNotEquals(new Nadam(), new Nadam().scheduleDecay(0.004));
        assertEquals("Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, schedule_decay=0.004)",
                new Nadam().scheduleDecay(0.004).toString());
        assertEquals("RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1.0E-7, centered=false, "
                + "epsilon_outside_sqrt=true)", new RMSprop().epsilonOutsideSqrt(true).toString());
    }

    @Test
    void epsilonOutsideTheSquareRootTakesNoMomentum() {
        assertRejected("RMSprop with epsilon outside the square root has no momentum in any Keras (tf.keras 2.0-2.10 "
                + "adds epsilon inside when momentum > 0), received: momentum=0.9",
                () -> new RMSprop().epsilonOutsideSqrt(true).momentum(0.9));
        assertRejected("schedule_decay must be a number >= 0, received: -0.004",
                () -> new Nadam().scheduleDecay(-0.004));
    }

    /** Options tf.keras 2.11+ has no key for are written as tf.keras 2.0-2.10 writes them, and read back. */
    @Test
    void olderKerasVariantsWriteTfKeras210Configs() {
        RMSprop rmsprop = new RMSprop(0.01).rho(0.5).centered(true).epsilonOutsideSqrt(true);
        Map<String, Object> rmspropConfig = rmsprop.config();
        assertEquals(List.of("name", "learning_rate", "decay", "rho", "momentum", "epsilon", "centered"),
                new ArrayList<>(rmspropConfig.keySet()));
        assertEquals(List.of("RMSprop", 0.01, 0.0, 0.5, 0.0, 1e-7, true), new ArrayList<>(rmspropConfig.values()));
        assertEquals(rmsprop, Optimizers.fromConfig("RMSprop", rmspropConfig));

        Nadam nadam = new Nadam(0.002).scheduleDecay(0.004);
        Map<String, Object> nadamConfig = nadam.config();
        assertEquals(List.of("name", "learning_rate", "beta_1", "beta_2", "epsilon", "schedule_decay"),
                new ArrayList<>(nadamConfig.keySet()));
        assertEquals(0.004, nadamConfig.get("schedule_decay"));
        assertEquals(nadam, Optimizers.fromConfig("Nadam", nadamConfig));
    }

    @Test
    void defaultsAreTheDeclaredConstants() {
        assertEquals(SGD.DEFAULT_LEARNING_RATE, new SGD().learningRate());
        assertEquals(Adam.DEFAULT_EPSILON, new Adam().epsilon());
        assertEquals(Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE, new Adagrad().initialAccumulatorValue());
        assertEquals(Adadelta.DEFAULT_RHO, new Adadelta().rho());
        assertEquals(RMSprop.DEFAULT_RHO, new RMSprop().rho());
        assertEquals(Nadam.DEFAULT_BETA_2, new Nadam().beta2());
        assertEquals(Adamax.DEFAULT_BETA_1, new Adamax().beta1());
    }

    // ---- learning rate first, fluent copies ----

    @Test
    void learningRateComesFirstInTheConstructor() {
        assertEquals(0.5, new SGD(0.5).learningRate());
        assertEquals(0.5, new Adam(0.5).learningRate());
        assertEquals(0.5, new Adamax(0.5).learningRate());
        assertEquals(0.5, new Nadam(0.5).learningRate());
        assertEquals(0.5, new Adagrad(0.5).learningRate());
        assertEquals(0.5, new Adadelta(0.5).learningRate());
        assertEquals(0.5, new RMSprop(0.5).learningRate());
    }

    @Test
    void fluentSettersReturnChangedCopiesAndLeaveTheOriginal() {
        SGD sgd = new SGD();
        SGD tuned = sgd.momentum(0.9).nesterov(true).learningRate(0.1);
        assertEquals(new SGD(), sgd);
        assertEquals(List.of(0.1, 0.9), List.of(tuned.learningRate(), tuned.momentum()));
        assertTrue(tuned.nesterov());

        Adam adam = new Adam();
        Adam tunedAdam = adam.beta1(0.8).beta2(0.99).epsilon(1e-3).amsgrad(true).learningRate(0.01);
        assertEquals(new Adam(), adam);
        assertEquals(List.of(0.01, 0.8, 0.99, 1e-3),
                List.of(tunedAdam.learningRate(), tunedAdam.beta1(), tunedAdam.beta2(), tunedAdam.epsilon()));
        assertTrue(tunedAdam.amsgrad());

        RMSprop rmsprop = new RMSprop();
        RMSprop tunedRmsprop = rmsprop.rho(0.5).momentum(0.9).epsilon(1e-3).centered(true).learningRate(0.01);
        assertEquals(new RMSprop(), rmsprop);
        assertEquals(List.of(0.01, 0.5, 0.9, 1e-3), List.of(tunedRmsprop.learningRate(), tunedRmsprop.rho(),
                tunedRmsprop.momentum(), tunedRmsprop.epsilon()));
        assertTrue(tunedRmsprop.centered());

        Adagrad adagrad = new Adagrad();
        Adagrad tunedAdagrad = adagrad.initialAccumulatorValue(0.0).epsilon(1e-3).learningRate(0.01);
        assertEquals(new Adagrad(), adagrad);
        assertEquals(List.of(0.01, 0.0, 1e-3), List.of(tunedAdagrad.learningRate(),
                tunedAdagrad.initialAccumulatorValue(), tunedAdagrad.epsilon()));

        Adadelta adadelta = new Adadelta();
        Adadelta tunedAdadelta = adadelta.rho(0.9).epsilon(1e-3).learningRate(1.0);
        assertEquals(new Adadelta(), adadelta);
        assertEquals(List.of(1.0, 0.9, 1e-3),
                List.of(tunedAdadelta.learningRate(), tunedAdadelta.rho(), tunedAdadelta.epsilon()));

        Adamax adamax = new Adamax();
        Adamax tunedAdamax = adamax.beta1(0.8).beta2(0.99).epsilon(1e-3).learningRate(0.01);
        assertEquals(new Adamax(), adamax);
        assertEquals(List.of(0.01, 0.8, 0.99, 1e-3),
                List.of(tunedAdamax.learningRate(), tunedAdamax.beta1(), tunedAdamax.beta2(), tunedAdamax.epsilon()));

        Nadam nadam = new Nadam();
        Nadam tunedNadam = nadam.beta1(0.8).beta2(0.99).epsilon(1e-3).learningRate(0.01);
        assertEquals(new Nadam(), nadam);
        assertEquals(List.of(0.01, 0.8, 0.99, 1e-3),
                List.of(tunedNadam.learningRate(), tunedNadam.beta1(), tunedNadam.beta2(), tunedNadam.epsilon()));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(new Adam(0.01).beta1(0.8), new Adam(0.01).beta1(0.8));
        assertEquals(new Adam(0.01).beta1(0.8).hashCode(), new Adam(0.01).beta1(0.8).hashCode());
        assertNotEquals(new Adam(0.01), new Adam(0.02));
        assertNotEquals(new Adam(), new Adamax());
        assertNotEquals(new Nadam(), new Adamax());
    }

    // ---- validation, echoing the bad value ----

    @Test
    void learningRateMayBeZeroButNotNegativeNaNOrInfinite() {
        // Keras takes any float; 0 freezes an optimizer without momentum, the rest is refused.
        assertEquals(0.0, new SGD(0).learningRate());
        assertEquals(0.0, new Adam().learningRate(0).learningRate());
        for (Optimizers kind : Optimizers.values()) {
            assertEquals(0.0, Optimizers.get(kind.kerasName()).learningRate(0.0).learningRate(), kind.kerasName());
        }
        assertRejected("learning_rate must be a number >= 0, received: -1.0", () -> new Adam(-1));
        assertRejected("learning_rate must be a number >= 0, received: NaN", () -> new RMSprop(Double.NaN));
        assertRejected("learning_rate must be a number >= 0, received: Infinity",
                () -> new Adagrad(Double.POSITIVE_INFINITY));
        assertRejected("learning_rate must be a number >= 0, received: -0.1", () -> new Nadam().learningRate(-0.1));
        assertRejected("learning_rate must be a number >= 0, received: -0.1", () -> new Adamax(-0.1));
        assertRejected("learning_rate must be a number >= 0, received: -0.1", () -> new Adadelta(-0.1));
    }

    @Test
    void momentumMustBeInTheUnitInterval() {
        assertRejected("momentum must be in [0, 1], received: 1.5", () -> new SGD().momentum(1.5));
        assertRejected("momentum must be in [0, 1], received: -0.1", () -> new RMSprop().momentum(-0.1));
        assertEquals(1.0, new SGD().momentum(1.0).momentum());
    }

    @Test
    void betasMustBeBelowOne() {
        assertRejected("beta_1 must be in [0, 1), received: 1.0", () -> new Adam().beta1(1.0));
        assertRejected("beta_2 must be in [0, 1), received: -0.5", () -> new Adamax().beta2(-0.5));
        assertRejected("beta_2 must be in [0, 1), received: NaN", () -> new Nadam().beta2(Double.NaN));
        assertEquals(0.0, new Adam().beta1(0.0).beta1());
    }

    @Test
    void epsilonMustNotBeNegative() {
        assertRejected("epsilon must be a number >= 0, received: -1.0E-7", () -> new Adam().epsilon(-1e-7));
        assertRejected("epsilon must be a number >= 0, received: -1.0", () -> new Adagrad().epsilon(-1));
        assertRejected("epsilon must be a number >= 0, received: -1.0", () -> new Adadelta().epsilon(-1));
        assertRejected("epsilon must be a number >= 0, received: -1.0", () -> new RMSprop().epsilon(-1));
        assertRejected("epsilon must be a number >= 0, received: -1.0", () -> new Nadam().epsilon(-1));
        assertRejected("epsilon must be a number >= 0, received: -1.0", () -> new Adamax().epsilon(-1));
        assertEquals(0.0, new Adam().epsilon(0).epsilon());
    }

    @Test
    void rhoAndAccumulatorAreChecked() {
        assertRejected("rho must be in [0, 1], received: 1.1", () -> new RMSprop().rho(1.1));
        assertRejected("rho must be in [0, 1], received: -0.5", () -> new Adadelta().rho(-0.5));
        assertRejected("initial_accumulator_value must be a number >= 0, received: -0.1",
                () -> new Adagrad().initialAccumulatorValue(-0.1));
    }

    private static void assertRejected(String message, Executable construction) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }

    // ---- Keras's config ----

    @Test
    void adamConfigIsWhatKerasGetConfigWrites() {
        Map<String, Object> expected = baseConfig("Adam", null, 0.001);
        expected.put("beta_1", 0.9);
        expected.put("beta_2", 0.999);
        expected.put("epsilon", 1e-7);
        expected.put("amsgrad", false);
        assertConfig(expected, new Adam());
    }

    @Test
    void eachOptimizerWritesItsKerasKeysInKerasOrder() {
        assertEquals(keys("momentum", "nesterov"), new ArrayList<>(new SGD().config().keySet()));
        assertEquals(keys("beta_1", "beta_2", "epsilon"), new ArrayList<>(new Adamax().config().keySet()));
        assertEquals(keys("beta_1", "beta_2", "epsilon"), new ArrayList<>(new Nadam().config().keySet()));
        assertEquals(keys("initial_accumulator_value", "epsilon"), new ArrayList<>(new Adagrad().config().keySet()));
        assertEquals(keys("rho", "epsilon"), new ArrayList<>(new Adadelta().config().keySet()));
        assertEquals(keys("rho", "momentum", "epsilon", "centered"), new ArrayList<>(new RMSprop().config().keySet()));
    }

    @Test
    void configCarriesTheValues() {
        Map<String, Object> sgd = new SGD(0.1).momentum(0.9).nesterov(true).config();
        assertEquals("SGD", sgd.get("name"));
        assertEquals(0.1, sgd.get("learning_rate"));
        assertEquals(0.9, sgd.get("momentum"));
        assertEquals(true, sgd.get("nesterov"));
        assertEquals(false, sgd.get("is_legacy_optimizer"));

        Map<String, Object> rmsprop = new RMSprop().centered(true).config();
        assertEquals("RMSprop", rmsprop.get("name"));
        assertEquals(100, rmsprop.get("ema_overwrite_frequency"), "RMSprop's Keras default, unlike the others'");
        assertEquals(0.9, rmsprop.get("rho"));
        assertEquals(0.0, rmsprop.get("momentum"));
        assertEquals(1e-7, rmsprop.get("epsilon"));
        assertEquals(true, rmsprop.get("centered"));

        Map<String, Object> adagrad = new Adagrad().config();
        assertEquals("Adagrad", adagrad.get("name"));
        assertEquals(0.1, adagrad.get("initial_accumulator_value"));
        assertEquals(0.001, adagrad.get("learning_rate"));

        Map<String, Object> adadelta = new Adadelta().config();
        assertEquals(0.95, adadelta.get("rho"));
        assertEquals("Adadelta", adadelta.get("name"));
        assertEquals("Nadam", new Nadam().config().get("name"));
        assertEquals("Adamax", new Adamax().config().get("name"));
    }

    @Test
    void configIsReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> new Adam().config().put("beta_1", 0.5));
    }

    @Test
    void toStringShowsTheHyperparameters() {
        assertEquals("Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, amsgrad=false)",
                new Adam().toString());
        assertEquals("SGD(learning_rate=0.01, momentum=0.9, nesterov=false)", new SGD().momentum(0.9).toString());
    }

    private static List<String> keys(String... own) {
        List<String> keys = new ArrayList<>(BASE_KEYS);
        keys.addAll(Arrays.asList(own));
        return keys;
    }

    private static Map<String, Object> baseConfig(String name, Integer emaOverwriteFrequency, double learningRate) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("weight_decay", null);
        config.put("clipnorm", null);
        config.put("global_clipnorm", null);
        config.put("clipvalue", null);
        config.put("use_ema", false);
        config.put("ema_momentum", 0.99);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
        config.put("jit_compile", false);
        config.put("is_legacy_optimizer", false);
        config.put("learning_rate", learningRate);
        return config;
    }

    private static void assertConfig(Map<String, Object> expected, Optimizer optimizer) {
        assertEquals(expected, new HashMap<>(optimizer.config()));
        assertEquals(keys("beta_1", "beta_2", "epsilon", "amsgrad"), new ArrayList<>(optimizer.config().keySet()));
    }
}
