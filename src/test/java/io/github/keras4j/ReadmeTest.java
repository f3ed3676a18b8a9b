package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.internal.Registry;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizers;
import io.github.keras4j.regularizers.Regularizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's "Supported names" section lists every name each registry knows, so that it stays true. */
class ReadmeTest {

    private static List<String> names(String registry) {
        return switch (registry) {
            case "Activations" -> Registry.canonicalNames(Activations.class);
            case "Losses" -> Registry.canonicalNames(Losses.class);
            case "Optimizers" -> Registry.canonicalNames(Optimizers.class);
            case "Metrics" -> Registry.canonicalNames(Metrics.class);
            case "Initializers" -> Registry.canonicalNames(Initializers.class);
            case "Regularizers" -> Registry.canonicalNames(Regularizers.Name.class);
            case "LossClasses" -> java.util.Arrays.stream(Losses.values()).filter(loss -> loss != Losses.SUM_SQUARED_ERROR)
                    .map(loss -> loss.object().className()).toList();
            default -> throw new IllegalArgumentException(registry);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"Activations", "Losses", "LossClasses", "Optimizers", "Metrics", "Initializers",
        "Regularizers"})
    void supportedNamesSectionListsEveryRegisteredName(String registry) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Supported names");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start >= 0, "README has a Supported names section");
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String name : names(registry)) {
            assertTrue(Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?![\\w])").matcher(section).find(),
                    registry + " name '" + name + "' is missing from the README's Supported names");
        }
    }
}
