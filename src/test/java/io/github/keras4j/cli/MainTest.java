package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.internal.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar's entry point, run as {@code java} runs it: the command line with picocli, one line of error without. */
class MainTest {

    private static final String MAIN = Main.class.getName();

    @Test
    void withPicocliItIsTheCommandLine() throws Exception {
        ChildJvm.Result version = ChildJvm.runWithout(List.of(), MAIN, "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("keras4j "), version.out());

        ChildJvm.Result unknown = ChildJvm.runWithout(List.of(), MAIN, "trian");
        assertEquals(Keras4jCommand.EXIT_USAGE, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().startsWith("keras4j: error: Unmatched argument"), unknown.err());
    }

    @Test
    void withoutPicocliItNamesTheDependencyToAdd() throws Exception {
        ChildJvm.Result result = ChildJvm.runWithout(List.of("picocli-"), MAIN, "train",
                "configs/tutorial000_xor.json");
        assertEquals(Keras4jCommand.EXIT_FAILED, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.err().lines().count(), result.err());
        assertEquals("keras4j: error: the command line needs picocli on the classpath; missing: "
                + "info.picocli:picocli:4.7.6. Add it to your build (keras4j declares it optional; README \"Use it in "
                + "your project\"), or build keras4j with mvn package and run ./keras4j, which has it on its "
                + "classpath", result.err().strip());
    }
}
