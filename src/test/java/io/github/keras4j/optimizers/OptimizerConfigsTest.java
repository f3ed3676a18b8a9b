package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.optimizers.Hyperparameters.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The Keras config of every optimizer, written and read through its description ({@link Hyperparameters}): each
 * hyperparameter survives the round trip, and what is wrong in a config is named.
 */
class OptimizerConfigsTest {

    /** The base optimizer keys every tf.keras 2.11+ config holds, then the learning rate. */
    private static final List<String> BASE_KEYS = List.of("name", "weight_decay", "clipnorm", "global_clipnorm",
            "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "jit_compile", "is_legacy_optimizer",
            "learning_rate");

    /** Every hyperparameter of every registered optimizer, away from its default, is written and read back. */
    @ParameterizedTest
    @EnumSource(Optimizers.class)
    void everyHyperparameterRoundTripsThroughTheKerasConfig(Optimizers kind) {
        FluentOptimizer<?> defaults = (FluentOptimizer<?>) kind.create();
        assertEquals(defaults, Optimizers.fromConfig(defaults.className(), defaults.config()));
        for (Map.Entry<String, Object> hyperparameter : defaults.values().entrySet()) {
            Object value = hyperparameter.getValue();
            Object other = value instanceof Boolean flag ? (Object) !flag
                    : (Double) value == 0 ? 0.5 : (Double) value / 2;
            Optimizer changed = defaults.with(hyperparameter.getKey(), other);
            assertNotEquals(defaults, changed, hyperparameter.getKey());
            // Through JSON, as a file holds it: numbers come back as doubles or integers.
            Map<String, Object> written = KerasJson.read(KerasJson.write(changed.config()), "test");
            Optimizer read = Optimizers.fromConfig(kind.kerasName(), written);
            assertEquals(changed, read, changed + " written as " + written);
            assertEquals(changed.config(), read.config());
        }
    }

    @ParameterizedTest
    @EnumSource(Optimizers.class)
    void theDecaySetterIsOfferedWhereKerasHadTheDecay(Optimizers kind) {
        Optimizer optimizer = kind.create();
        assertEquals(optimizer.hyperparameters().takes(Hyperparameters.DECAY), optimizer instanceof TimeBasedDecay<?>,
                kind.kerasName());
        assertEquals(kind != Optimizers.NADAM, optimizer instanceof TimeBasedDecay<?>, kind.kerasName());
    }

    @Test
    void lrAndLearningRateTogetherAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig("SGD", Map.of("lr", 0.1, "learning_rate", 0.2)));
        assertTrue(error.getMessage().startsWith("SGD config has both lr (Keras 1/2) and learning_rate, two names for "
                + "one learning rate"), error.getMessage());
    }

    @Test
    void wrongTypesNameTheClassTheKeyAndTheValue() {
        assertRefused("RMSprop config key momentum must be a number, received: 'a'",
                () -> Optimizers.fromConfig("rmsprop", Map.of("momentum", "a")));
        assertRefused("SGD config key nesterov must be true or false, received: 1",
                () -> Optimizers.fromConfig("SGD", Map.of("nesterov", 1)));
        assertRefused("Adam config key use_ema must be true or false, received: 'no'",
                () -> Optimizers.fromConfig("Adam", Map.of("use_ema", "no")));
        assertRefused("beta_1 must be in [0, 1), received: 1.0",
                () -> Optimizers.fromConfig("Adam", Map.of("beta_1", 1)));
    }

    @Test
    void unknownKeysListTheKeysOfTheClass() {
        assertRefused("unknown SGD config key 'epsilon'; valid: name, weight_decay, clipnorm, global_clipnorm, "
                + "clipvalue, use_ema, ema_momentum, ema_overwrite_frequency, jit_compile, is_legacy_optimizer, "
                + "loss_scale_factor, gradient_accumulation_steps, learning_rate, decay, momentum, nesterov, lr",
                () -> Optimizers.fromConfig("SGD", Map.of("epsilon", 1e-7)));
        // keras4j's name for older Keras's rule is no Keras key.
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig("RMSprop", Map.of("epsilon_outside_sqrt", true)));
        assertTrue(error.getMessage().startsWith("unknown RMSprop config key 'epsilon_outside_sqrt'; valid: name, "),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("learning_rate, decay, rho, momentum, epsilon, centered, lr"),
                error.getMessage());
    }

    @Test
    void aDecayAndAnInverseTimeDecayTogetherAreRefused() {
        Map<String, Object> schedule = Map.of("class_name", "InverseTimeDecay", "config",
                Map.of("initial_learning_rate", 0.1, "decay_steps", 1, "decay_rate", 0.5));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig("SGD", Map.of("learning_rate", schedule, "decay", 0.5)));
        assertEquals("SGD config has both decay=0.5 and an InverseTimeDecay learning rate, two learning-rate decays",
                error.getMessage());
    }

    // ---- a new optimizer class is its description, its getters and setters, and its DL4J updater ----

    /** What a contributor writes for a new optimizer (the DL4J updater here stands in for the class's own). */
    static final class Example extends FluentOptimizer<Example> {

        static final Hyperparameters<Example> HYPERPARAMETERS = Hyperparameters.of("Example", 0.1, Example::new)
                .number("beta", 0.5, Range.BELOW_ONE)
                .flag("fast", false);

        Example() {
            super(HYPERPARAMETERS, 0.1);
        }

        private Example(Map<String, Object> values) {
            super(HYPERPARAMETERS, values);
        }

        double beta() {
            return number("beta");
        }

        Example beta(double beta) {
            return with("beta", beta);
        }

        Example fast(boolean fast) {
            return with("fast", fast);
        }

        @Override
        protected IUpdater fixedRateUpdater() {
            return new Sgd(learningRate());
        }

        @Override
        public List<List<KerasSlot>> kerasSlots() {
            return List.of();
        }
    }

    @Test
    void aDescriptionGivesTheConfigTheChecksEqualityAndText() {
        Example example = new Example().beta(0.25).fast(true).learningRate(0.01);
        Map<String, Object> config = example.config();
        List<String> keys = new ArrayList<>(BASE_KEYS);
        keys.addAll(List.of("beta", "fast"));
        assertEquals(keys, new ArrayList<>(config.keySet()));
        assertEquals(List.of(0.01, 0.25, true), List.of(config.get("learning_rate"), config.get("beta"),
                config.get("fast")));
        assertEquals("Example(learning_rate=0.01, beta=0.25, fast=true)", example.toString());
        assertEquals(example, new Example().fast(true).learningRate(0.01).beta(0.25));
        assertEquals(example.hashCode(), new Example().fast(true).learningRate(0.01).beta(0.25).hashCode());
        assertNotEquals(example, example.beta(0.5));
        assertEquals(0.5, new Example().beta(), "the untouched original keeps its default");
        assertRefused("beta must be in [0, 1), received: 1.0", () -> new Example().beta(1.0));
        assertRefused("learning_rate must be a number >= 0, received: -1.0", () -> new Example().learningRate(-1));

        assertEquals(example, OptimizerConfigs.read(new Example(), config));
        assertEquals(example, OptimizerConfigs.read(new Example(), Map.of("lr", 0.01, "beta", 0.25, "fast", true)));
        UnsupportedOperationException decay = assertThrows(UnsupportedOperationException.class,
                () -> OptimizerConfigs.read(new Example(), Map.of("decay", 0.5)));
        assertEquals("Example has no learning-rate decay in any Keras; received decay=0.5", decay.getMessage());
    }

    /** Keras 3's and the portable config of the contributor's class, from its description alone. */
    @Test
    void aDescriptionGivesTheKeras3AndPortableConfigs() {
        Example example = new Example().beta(0.25).learningRate(0.01);
        Map<String, Object> keras3 = example.keras3Config();
        assertEquals(List.of("name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
                "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
                "gradient_accumulation_steps", "beta", "fast"), new ArrayList<>(keras3.keySet()));
        assertEquals(List.of("example", 0.01, 0.25, false), List.of(keras3.get("name"), keras3.get("learning_rate"),
                keras3.get("beta"), keras3.get("fast")));
        assertEquals(Map.of("name", "Example", "learning_rate", 0.01, "beta", 0.25, "fast", false),
                example.portableConfig());
        assertEquals(List.of("name", "learning_rate", "beta", "fast"), new ArrayList<>(
                example.portableConfig().keySet()));
        assertEquals(example, OptimizerConfigs.read(new Example(), keras3));
        assertEquals(example, OptimizerConfigs.read(new Example(), example.portableConfig()));
    }

    /** Keras 3 computes every decay, as its InverseTimeDecay learning rate, in its config and the portable one. */
    @ParameterizedTest
    @EnumSource(Optimizers.class)
    void aDecayIsKeras3sInverseTimeDecay(Optimizers kind) {
        if (!(kind.create() instanceof TimeBasedDecay<?> decayed)) {
            return;
        }
        Optimizer optimizer = ((Optimizer) decayed.decay(0.25)).learningRate(0.5);
        Map<String, Object> keras3 = optimizer.keras3Config();
        assertTrue(keras3.get("learning_rate") instanceof Map<?, ?> schedule
                && schedule.get("class_name").equals("InverseTimeDecay"), keras3.toString());
        assertEquals(keras3.get("learning_rate"), optimizer.portableConfig().get("learning_rate"));
        assertTrue(!keras3.containsKey("decay") && !optimizer.portableConfig().containsKey("decay"), keras3.toString());
        assertEquals(optimizer, OptimizerConfigs.read(kind.create(), keras3));
        assertEquals(optimizer, OptimizerConfigs.read(kind.create(), optimizer.portableConfig()));
    }

    /** A rule only older Keras had is no Keras 3 optimizer; the portable config is then older Keras's own. */
    @Test
    void aRuleKeras3LacksIsRefusedNamingWhatKeras3ComputesInstead() {
        Nadam nadam = new Nadam().scheduleDecay(0.004);
        assertEquals(nadam + " cannot be written as a Keras 3 optimizer: schedule_decay 0.004 (Keras 3's Nadam "
                + "computes its momentum schedule with 0.96^t, schedule_decay 1.0)",
                assertThrows(UnsupportedOperationException.class, nadam::keras3Config).getMessage());
        assertEquals(nadam.config(), nadam.portableConfig());
        RMSprop rmsprop = new RMSprop().epsilonOutsideSqrt(true);
        assertEquals(rmsprop + " cannot be written as a Keras 3 optimizer: epsilon_outside_sqrt true (epsilon outside "
                + "the square root, older Keras's rule; Keras 3 adds it inside)",
                assertThrows(UnsupportedOperationException.class, rmsprop::keras3Config).getMessage());
        assertEquals(rmsprop.config(), rmsprop.portableConfig());
        assertEquals("rm_sprop", new RMSprop().keras3Config().get("name"));
        assertEquals(null, new RMSprop().keras3Config().get("ema_overwrite_frequency"), "None in Keras 3");
        assertEquals(100, new RMSprop().config().get("ema_overwrite_frequency"), "100 in tf.keras 2.11+");
    }

    private static void assertRefused(String message, Executable reading) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, reading).getMessage());
    }
}
