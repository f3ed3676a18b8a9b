package io.github.keras4j.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keras configs keep their keys in the order Keras's {@code get_config()} writes them. */
final class Configs {

    private Configs() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(config);
    }
}
