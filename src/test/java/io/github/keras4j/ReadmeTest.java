package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.internal.Registry;
import io.github.keras4j.layers.LayerType;
import io.github.keras4j.layers.Layers;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizers;
import io.github.keras4j.regularizers.Regularizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's "Supported names" section lists every name each registry knows, and its layer table exactly the
 * registered layer types, so that it stays true.
 */
class ReadmeTest {

    private static String supportedNames() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Supported names");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start >= 0, "README has a Supported names section");
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

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
        String section = supportedNames();
        for (String name : names(registry)) {
            assertTrue(Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?![\\w])").matcher(section).find(),
                    registry + " name '" + name + "' is missing from the README's Supported names");
        }
    }

    /**
     * The layer table has one row per registered type, in the registry's order, and its images column says what the
     * type says: "no", "yes" (with the type's restriction in brackets), "yes, first".
     */
    @Test
    void layerTableListsExactlyTheRegisteredLayerTypes() throws IOException {
        List<String> rows = supportedNames().lines().filter(line -> line.startsWith("| `")).toList();
        List<String> classNames = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String className = cells[1].trim().replace("`", "");
            classNames.add(className);
            LayerType<?> type = Layers.get(className);
            String images = cells[3].trim();
            assertEquals(type.acceptsImageInput(), images.startsWith("yes"), row);
            assertEquals(type.isFirstOnImages(), images.equals("yes, first"), row);
            assertTrue(!images.contains("(") || images.equals("yes (" + imageNote(type) + ")"), row);
        }
        assertEquals(Layers.classNames(), classNames, "the README's layer table against the registry");
    }

    /** The restriction the registry's list of image layers names after the type, or "". */
    private static String imageNote(LayerType<?> type) {
        for (String entry : Layers.imageTypes().split(", ")) {
            if (entry.startsWith(type.className() + " (")) {
                return entry.substring(type.className().length() + 2, entry.length() - 1);
            }
        }
        return "";
    }
}
