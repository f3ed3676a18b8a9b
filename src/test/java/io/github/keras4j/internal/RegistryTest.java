package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    enum Colour implements KerasNamed {
        DARK_RED("dark_red", "maroon"), GREEN("green");

        private final String name;
        private final List<String> aliases;

        Colour(String name, String... aliases) {
            this.name = name;
            this.aliases = List.of(aliases);
        }

        @Override
        public String kerasName() {
            return name;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }
    }

    @Test
    void findsCanonicalNamesAndAliasesExactly() {
        assertSame(Colour.DARK_RED, Registry.lookup(Colour.class, "colour", "dark_red"));
        assertSame(Colour.DARK_RED, Registry.lookup(Colour.class, "colour", "maroon"));
        assertSame(Colour.GREEN, Registry.lookup(Colour.class, "colour", "green"));
    }

    @Test
    void unknownNameNamesItSuggestsTheClosestAndListsAll() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.lookup(Colour.class, "colour", "dark_rde"));
        assertEquals("unknown colour 'dark_rde'; did you mean 'dark_red'? valid: dark_red, green, maroon",
                error.getMessage());
    }

    @Test
    void lookupIsCaseSensitiveLikeKerasButSuggestsTheOtherCase() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.lookup(Colour.class, "colour", "GREEN"));
        assertEquals("unknown colour 'GREEN'; did you mean 'green'? valid: dark_red, green, maroon",
                error.getMessage());
    }

    @Test
    void farOffNamesGetNoSuggestion() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.lookup(Colour.class, "colour", "ultraviolet"));
        assertEquals("unknown colour 'ultraviolet'; valid: dark_red, green, maroon", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Registry.lookup(Colour.class, "colour", null));
        assertNull(Registry.closest("", List.of("a")));
    }
}
