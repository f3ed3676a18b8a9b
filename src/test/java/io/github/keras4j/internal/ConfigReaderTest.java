package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.internal.ConfigReader.Dialect;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The one configuration reader: typed getters, defaults, read keys, and the path and dialect in every message. */
class ConfigReaderTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static ConfigReader run(Map<String, Object> values) {
        return new ConfigReader(values, "t.json", "", Dialect.RUN_CONFIG);
    }

    private static String message(Executable executable) {
        return assertThrows(RuntimeException.class, executable).getMessage();
    }

    @Test
    void typedGettersReadValuesAndTakeDefaultsForAbsentOrNullKeys() {
        ConfigReader config = run(map("s", "text", "d", 2.5, "i", 3, "f", 10.0, "b", true, "n", null,
                "l", List.of(1, 2), "o", map("x", 1), "t", List.of(2, 3), "p", "a/b.csv", "big", 5_000_000_000L));
        assertEquals("text", config.string("s"));
        assertEquals(2.5, config.number("d"));
        assertEquals(3, config.integer("i"));
        assertEquals(10, config.integer("f"), "Keras 1 wrote counts as floats");
        assertTrue(config.bool("b"));
        assertEquals(7, config.integer("n", 7));
        assertEquals(0.5, config.number("absent", 0.5));
        assertNull(config.numberOrNull("n"));
        assertEquals(List.of(1, 2), config.list("l"));
        assertEquals(List.of(), config.listOrEmpty("absent"));
        assertEquals(1, config.child("o").integer("x"));
        assertArrayEquals(new int[] {2, 3}, config.integers("t"));
        assertArrayEquals(new int[] {3}, config.integers("i"));
        assertArrayEquals(new int[] {1, 1}, config.integers("absent", new int[] {1, 1}));
        assertEquals(Path.of("a/b.csv"), config.filePath("p"));
        assertEquals(5_000_000_000L, config.longOrNull("big"));
        assertEquals(List.of("text"), config.strings("s"));
        assertTrue(config.has("n"));
        assertFalse(config.hasValue("n"));
    }

    @Test
    void runConfigErrorsNameTheFileAndThePathOfTheValue() {
        ConfigReader fit = run(map("fit", map("epochs", 2.5, "shuffle", "no", "callbacks",
                List.of(map("config", map("patience", "3")))))).child("fit");
        assertEquals("t.json: fit.epochs must be a whole number, found the number 2.5",
                message(() -> fit.integer("epochs", 1)));
        assertEquals("t.json: fit.shuffle must be true or false, found the string \"no\"",
                message(() -> fit.bool("shuffle", true)));
        ConfigReader callback = fit.at("fit.callbacks[0].config", map("patience", "3"));
        assertEquals("t.json: fit.callbacks[0].config.patience must be a whole number, found the string \"3\"",
                message(() -> callback.integer("patience", 0)));
        assertEquals("t.json: fit: missing \"loss\"", message(() -> fit.string("loss")));
        assertEquals("t.json: fit: unknown key 'epoch'; did you mean 'epochs'? valid keys: epochs, batch_size",
                message(() -> run(map("fit", map("epoch", 3))).child("fit").requireKnown(List.of("epochs",
                        "batch_size"))));
    }

    @Test
    void rangesAndChoicesListWhatIsValid() {
        ConfigReader config = run(map("units", 0, "huge", new BigInteger("99999999999999999999"), "mode", "fan_sum",
                "inf", Double.POSITIVE_INFINITY));
        assertEquals("t.json: units must be a whole number from 1 to 10, found the number 0",
                message(() -> config.integer("units", 1, 10)));
        assertEquals("t.json: huge must be a whole number, found the number 99999999999999999999",
                message(() -> config.longOrNull("huge")));
        assertEquals("t.json: inf must be a whole number, found the number Infinity",
                message(() -> config.integer("inf")));
        assertEquals("t.json: mode must be one of fan_in, fan_out, fan_avg, found the string \"fan_sum\"",
                message(() -> config.choice("mode", "fan_in", List.of("fan_in", "fan_out", "fan_avg"))));
        assertEquals("fan_avg", run(map()).choice("mode", "fan_avg", List.of("fan_in", "fan_avg")));
    }

    @Test
    void keysNobodyReadAreAnErrorNamingThePathAndTheValidKeys() {
        ConfigReader layer = ConfigReader.kerasJson(map("units", 4, "kernel_initializer", map("class_name",
                "Orthogonal", "config", map("gain", 1.0, "scale", 2))), "model.json, layer 0 (Dense)");
        layer.integer("units");
        ConfigReader initializer = layer.child("kernel_initializer").child("config");
        initializer.number("gain", 1.0);
        initializer.accept("seed");
        assertEquals("model.json, layer 0 (Dense): kernel_initializer.config: unknown keys [scale]; keras4j would "
                + "ignore them, so it refuses the config; valid keys: gain, seed", message(initializer::requireAllRead));
        assertEquals("model.json, layer 0 (Dense): \"kernel_initializer.config.scale\" must be a string, found the "
                + "number 2", message(() -> initializer.string("scale")));
        assertEquals("model.json, layer 0 (Dense): \"kernel_initializer.config.scale\" = 2 is not supported by "
                + "keras4j; only 1.5", message(() -> initializer.mustBe("scale", 1.5)));
    }

    @Test
    void argumentsOfAKerasClassSpeakPython() {
        ConfigReader args = ConfigReader.arguments(map("gain", "big", "dtype", "float32", "extra", 1),
                "initializer Orthogonal").acceptUnlisted("dtype");
        assertEquals("initializer Orthogonal: gain must be a number, received: 'big'",
                message(() -> args.number("gain", 1.0)));
        args.accept("seed");
        assertEquals("initializer Orthogonal does not take [extra]; valid arguments: gain, seed",
                message(args::requireAllRead));
        ConfigReader optimizer = new ConfigReader(map("nesterov", 1), "SGD", "", Dialect.OPTIMIZER);
        assertEquals("SGD config key nesterov must be true or false, received: 1",
                message(() -> optimizer.bool("nesterov")));
    }

    /** A nested initializer's error names the file, the layer and the initializer's path in the layer's config. */
    @Test
    void aLayersInitializerArgumentsAreReadAtTheirPath() {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 3],
                   "kernel_initializer": {"class_name": "Orthogonal", "config": {"gain": "big"}}}}]}}
                """;
        String error = message(() -> Sequential.fromJson(json));
        assertTrue(error.endsWith("\"kernel_initializer.config.gain\" must be a number, found the string \"big\""),
                error);
        String unknown = message(() -> Sequential.fromJson(json.replace("\"gain\": \"big\"", "\"scale\": 2")));
        assertTrue(unknown.endsWith("kernel_initializer.config: unknown keys [scale]; keras4j would ignore them, so "
                + "it refuses the config; valid keys: seed, gain"), unknown);
        String regularizer = message(() -> Sequential.fromJson(json.replace(
                "\"kernel_initializer\": {\"class_name\": \"Orthogonal\", \"config\": {\"gain\": \"big\"}}",
                "\"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": \"a lot\"}}")));
        assertTrue(regularizer.endsWith("\"kernel_regularizer.config.l2\" must be a number, found the string "
                + "\"a lot\""), regularizer);
    }
}
