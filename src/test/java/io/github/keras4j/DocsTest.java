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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documentation stays true: docs/keras-compatibility.md's "Supported names" lists every name each registry knows
 * and its layer table exactly the registered layer types; every relative link in README.md and docs/ reaches a file
 * (and a heading, where it names one); docs/DESIGN.md's package layout names every package.
 */
class DocsTest {

    private static final Path COMPATIBILITY = Path.of("docs", "keras-compatibility.md");

    private static String section(Path page, String heading) throws IOException {
        String text = Files.readString(page);
        int start = text.indexOf("\n## " + heading);
        assertTrue(start >= 0, page + " has a section '" + heading + "'");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String supportedNames() throws IOException {
        return section(COMPATIBILITY, "Supported names");
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
                    registry + " name '" + name + "' is missing from docs/keras-compatibility.md's Supported names");
        }
    }

    /**
     * The layer table has one row per registered type, in the registry's order, and its images and sequences columns say what the
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
            String sequences = cells[4].trim();
            assertEquals(type.acceptsSequenceInput(), sequences.startsWith("yes"), row);
            assertEquals(type.isFirstOnSequences(), sequences.equals("yes, first"), row);
        }
        assertEquals(Layers.classNames(), classNames, "docs/keras-compatibility.md's layer table against the registry");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+", "")));
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher matcher = link.matcher(Files.readString(page));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void designNamesEveryPackage() throws IOException {
        String layout = section(Path.of("docs", "DESIGN.md"), "Package layout");
        Path root = Path.of("src", "main", "java", "io", "github", "keras4j");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> directories = Files.walk(root)) {
            for (Path directory : directories.filter(Files::isDirectory).filter(dir -> !dir.equals(root)).toList()) {
                String name = root.relativize(directory).toString().replace('/', '.');
                if (!layout.contains("`." + name + "`") && !layout.contains("`" + name + "`")) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "packages docs/DESIGN.md's Package layout does not name");
    }

    @Test
    void readmeStaysShort() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();
        assertTrue(lines <= 300, "README.md has " + lines + " lines; detail belongs in docs/ (DESIGN.md, Documentation)");
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
