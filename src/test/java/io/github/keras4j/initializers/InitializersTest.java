package io.github.keras4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.internal.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitializersTest {

    @Test
    void canonicalNamesAreKerasSnakeCaseNames() {
        assertEquals(List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
                "lecun_normal", "zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal",
                "orthogonal", "variance_scaling", "identity"), Registry.canonicalNames(Initializers.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "glorot_uniform, GlorotUniform", "GlorotUniform, GlorotUniform", "GlorotUniformV2, GlorotUniform",
        "glorot_uniformV2, GlorotUniform", "glorot_normal, GlorotNormal", "GlorotNormal, GlorotNormal",
        "he_uniform, HeUniform", "HeUniform, HeUniform", "he_normal, HeNormal", "HeNormal, HeNormal",
        "lecun_uniform, LecunUniform", "LecunUniform, LecunUniform", "lecun_normal, LecunNormal",
        "LecunNormal, LecunNormal", "zeros, Zeros", "Zeros, Zeros", "zero, Zeros", "ZerosV2, Zeros",
        "ones, Ones", "Ones, Ones", "one, Ones", "constant, Constant", "Constant, Constant",
        "random_normal, RandomNormal", "RandomNormal, RandomNormal", "normal, RandomNormal",
        "random_uniform, RandomUniform", "RandomUniform, RandomUniform", "uniform, RandomUniform",
        "truncated_normal, TruncatedNormal", "TruncatedNormal, TruncatedNormal", "orthogonal, Orthogonal",
        "Orthogonal, Orthogonal", "variance_scaling, VarianceScaling", "VarianceScaling, VarianceScaling",
        "identity, Identity", "Identity, Identity", "IdentityV2, Identity",
    })
    void namesAndAliasesGiveKerasClass(String name, String className) {
        assertEquals(className, Initializers.get(name).className());
    }

    @Test
    void getGivesKerasDefaults() {
        assertEquals(new RandomNormal(0.0, 0.05), Initializers.get("random_normal"));
        assertEquals(new RandomUniform(-0.05, 0.05), Initializers.get("uniform"));
        assertEquals(new TruncatedNormal(0.0, 0.05), Initializers.get("truncated_normal"));
        assertEquals(new VarianceScaling(1.0, "fan_in", "truncated_normal"), Initializers.get("variance_scaling"));
        assertEquals(new Constant(0.0), Initializers.get("constant"));
        assertEquals(new Orthogonal(1.0), Initializers.get("orthogonal"));
        assertEquals(new Identity(1.0), Initializers.get("identity"));
        assertEquals(new GlorotUniform(), Initializers.get("glorot_uniform"));
    }

    @Test
    void namesAreCaseSensitiveAsInKeras() {
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("Glorot_Uniform"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("ZEROS"));
    }

    @Test
    void unknownNameListsValidNamesAndClosest() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Initializers.get("glorot_unifrom"));
        assertTrue(error.getMessage().startsWith(
                "unknown initializer 'glorot_unifrom'; did you mean 'glorot_uniform'? valid: glorot_uniform, "),
                error.getMessage());
        assertTrue(error.getMessage().contains("he_normal") && error.getMessage().contains("GlorotUniform"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializers.get(null));
    }

    @Test
    void configsUseKerasKeys() {
        assertEquals(Map.of(), new Zeros().config());
        assertEquals(Map.of(), new HeNormal().config());
        assertEquals(Map.of("value", 2.0), new Constant(2.0).config());
        assertEquals(List.of("mean", "stddev"), List.copyOf(new RandomNormal().config().keySet()));
        assertEquals(Map.of("mean", 0.0, "stddev", 0.05), new RandomNormal().config());
        assertEquals(Map.of("minval", -0.05, "maxval", 0.05), new RandomUniform().config());
        assertEquals(Map.of("mean", 1.0, "stddev", 0.5), new TruncatedNormal(1.0, 0.5).config());
        assertEquals(Map.of("scale", 2.0, "mode", "fan_avg", "distribution", "uniform"),
                new VarianceScaling(2.0, "fan_avg", "uniform").config());
        assertEquals(List.of("scale", "mode", "distribution"), List.copyOf(new VarianceScaling().config().keySet()));
        assertEquals(Map.of("gain", 1.0), new Orthogonal().config());
        assertEquals(Map.of("gain", 3.0), new Identity(3.0).config());
    }

    @Test
    void everyInitializerSurvivesItsOwnConfig() {
        Initializer[] initializers = {new Zeros(), new Ones(), new Constant(-1.5), new RandomNormal(1.0, 2.0),
            new RandomUniform(-3.0, 1.0), new TruncatedNormal(0.5, 0.25), new VarianceScaling(0.3, "fan_out", "uniform"),
            new Orthogonal(1.7), new Identity(0.2), new GlorotUniform(), new GlorotNormal(), new HeUniform(),
            new HeNormal(), new LecunUniform(), new LecunNormal()};
        for (Initializer initializer : initializers) {
            assertEquals(initializer, Initializers.fromConfig(initializer.className(), initializer.config()));
        }
    }

    @Test
    void fromConfigReadsKerasConfigs() {
        Map<String, Object> config = new HashMap<>();
        config.put("mean", 0);
        config.put("stddev", 1);
        config.put("seed", null);
        assertEquals(new RandomNormal(0.0, 1.0), Initializers.fromConfig("RandomNormal", config));
        assertEquals(new GlorotUniform(), Initializers.fromConfig("GlorotUniform", Map.of("seed", 42)));
        assertEquals(new VarianceScaling(2.0, "fan_in", "truncated_normal"),
                Initializers.fromConfig("VarianceScaling", Map.of("scale", 2.0, "distribution", "normal")));
        assertEquals(new Constant(0.0), Initializers.fromConfig("Constant", Map.of("dtype", "float32")));
        assertEquals(new RandomUniform(-1.0, 0.05), Initializers.fromConfig("random_uniform", Map.of("minval", -1)));
    }

    /** Keras 3.15 writes {"seed": null, "input_axes": null, "output_axes": null} for every Glorot, He, LeCun... */
    @Test
    void readsNewerKeras3FanAxesWhenTheyAreKerasDefault() {
        Map<String, Object> keras315 = new HashMap<>();
        keras315.put("seed", null);
        keras315.put("input_axes", null);
        keras315.put("output_axes", null);
        assertEquals(new GlorotUniform(), Initializers.fromConfig("GlorotUniform", keras315));
        keras315.put("scale", 2.0);
        assertEquals(new VarianceScaling(2.0, "fan_in", "truncated_normal"),
                Initializers.fromConfig("VarianceScaling", keras315));
        assertEquals("initializer HeNormal: input_axes=[0, 1] is not supported; only None (Keras's default fans)",
                assertThrows(UnsupportedOperationException.class, () -> Initializers.fromConfig("HeNormal",
                        Map.of("input_axes", java.util.List.of(0, 1)))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Initializers.fromConfig("RandomNormal", Map.of("input_axes", 0)));
    }

    @Test
    void fromConfigRejectsWhatKerasRejects() {
        assertEquals("initializer RandomNormal does not take [scale]; valid arguments: seed, mean, stddev",
                assertThrows(IllegalArgumentException.class,
                        () -> Initializers.fromConfig("RandomNormal", Map.of("scale", 1.0))).getMessage());
        assertEquals("initializer Zeros does not take [seed]; valid arguments: none",
                assertThrows(IllegalArgumentException.class,
                        () -> Initializers.fromConfig("zeros", Map.of("seed", 1))).getMessage());
        assertEquals("initializer Orthogonal: gain must be a number, received: 'big'",
                assertThrows(IllegalArgumentException.class,
                        () -> Initializers.fromConfig("Orthogonal", Map.of("gain", "big"))).getMessage());
    }

    @Test
    void argumentsAreValidatedWithTheBadValueInTheMessage() {
        assertEquals("stddev must be positive, received: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new RandomNormal(0.0, -1.0)).getMessage());
        assertEquals("stddev must be positive, received: 0.0",
                assertThrows(IllegalArgumentException.class, () -> new TruncatedNormal().stddev(0.0)).getMessage());
        assertEquals("mean must be a finite number, received: NaN",
                assertThrows(IllegalArgumentException.class, () -> new RandomNormal().mean(Double.NaN)).getMessage());
        assertEquals("minval must be less than maxval, received: minval=1.0, maxval=1.0",
                assertThrows(IllegalArgumentException.class, () -> new RandomUniform(1.0, 1.0)).getMessage());
        assertEquals("minval must be less than maxval, received: minval=0.1, maxval=0.05",
                assertThrows(IllegalArgumentException.class, () -> new RandomUniform().minval(0.1)).getMessage());
        assertEquals("scale must be positive, received: 0.0",
                assertThrows(IllegalArgumentException.class, () -> new VarianceScaling().scale(0.0)).getMessage());
        assertEquals("mode must be one of fan_in, fan_out, fan_avg, received: 'fan_sum'",
                assertThrows(IllegalArgumentException.class, () -> new VarianceScaling().mode("fan_sum")).getMessage());
        assertEquals("mode must be one of fan_in, fan_out, fan_avg, received: 'FAN_IN'",
                assertThrows(IllegalArgumentException.class, () -> new VarianceScaling().mode("FAN_IN")).getMessage());
        assertEquals("distribution must be one of truncated_normal, untruncated_normal, uniform, received: 'gaussian'",
                assertThrows(IllegalArgumentException.class,
                        () -> new VarianceScaling().distribution("gaussian")).getMessage());
        assertEquals("value must be a finite number, received: Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new Constant(Double.POSITIVE_INFINITY)).getMessage());
    }

    @Test
    void distributionIsReadAsKerasReadsIt() {
        assertEquals("truncated_normal", new VarianceScaling().distribution("normal").distribution());
        assertEquals("uniform", new VarianceScaling().distribution("Uniform").distribution());
    }

    @Test
    void fluentSettersReturnNewValues() {
        RandomNormal original = new RandomNormal();
        RandomNormal wider = original.stddev(1.0);
        assertEquals(0.05, original.stddev());
        assertEquals(1.0, wider.stddev());
        assertNotEquals(original, wider);
        VarianceScaling scaling = new VarianceScaling().scale(2.0).mode("fan_out").distribution("uniform");
        assertEquals(new VarianceScaling(2.0, "fan_out", "uniform"), scaling);
    }

    @Test
    void createAndTypedLookups() {
        assertInstanceOf(HeNormal.class, Initializers.HE_NORMAL.create());
        assertEquals(Initializers.RANDOM_NORMAL, Initializers.of("normal"));
    }
}
