package io.github.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgbarTest {

    /** A clock the test moves by hand, in nanoseconds. */
    private static final class Clock {
        long now;

        void advanceMillis(double millis) {
            now += (long) (millis * 1e6);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Clock clock = new Clock();

    private Progbar progbar(Integer target, int verbose, boolean dynamic, Set<String> stateful) {
        return new Progbar(target, verbose, stateful, "step", out, dynamic, () -> clock.now);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(double loss, double accuracy) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        logs.put("binary_accuracy", accuracy);
        return logs;
    }

    @Test
    void verboseTwoPrintsTutorial000sEpochLine() {
        Progbar bar = progbar(1, 2, false, Set.of("loss", "binary_accuracy"));
        clock.advanceMillis(22);
        bar.update(1, logs(0.2479, 0.5), true);
        assertEquals("1/1 - 0s - loss: 0.2479 - binary_accuracy: 0.5000 - 22ms/epoch - 22ms/step\n", printed());
    }

    @Test
    void verboseTwoSwitchesToScientificAtOrBelowOneThousandthWithoutAbs() {
        Progbar bar = progbar(1, 2, false, Set.of("loss", "binary_accuracy"));
        clock.advanceMillis(6);
        bar.update(1, logs(1.3863e-4, 1.0), true);
        assertEquals("1/1 - 0s - loss: 1.3863e-04 - binary_accuracy: 1.0000 - 6ms/epoch - 6ms/step\n", printed());

        bytes.reset();
        Progbar negative = progbar(1, 2, false, Set.of("loss"));
        clock.advanceMillis(3000);
        negative.update(1, Map.of("loss", -0.5), true);
        assertEquals("1/1 - 3s - loss: -5.0000e-01 - 3s/epoch - 3s/step\n", printed());
    }

    @Test
    void verboseOneOffATerminalPrintsOnlyTheFinalBarWithTheStepTimeAfterTheFirstStep() {
        Progbar bar = progbar(4, 1, false, Set.of("loss", "binary_accuracy"));
        clock.advanceMillis(100);
        bar.update(1, logs(0.3, 0.25), false);
        for (int step = 2; step <= 4; step++) {
            clock.advanceMillis(43);
            bar.update(step, logs(0.2634, 0.5), step == 4);
        }
        // (3 steps x 43 ms) / 3: the 100 ms first step is left out, as Keras does.
        assertEquals("4/4 [==============================] - 0s 43ms/step - loss: 0.2634 - binary_accuracy: 0.5000\n",
                printed());
    }

    @Test
    void verboseOneOnATerminalRedrawsTheBarInPlace() {
        Progbar bar = progbar(3, 1, true, Set.of("loss"));
        clock.advanceMillis(100);
        bar.update(1, Map.of("loss", 0.5), false);
        clock.advanceMillis(100);
        bar.update(3, Map.of("loss", 0.25), true);
        String first = "1/3 [=========>....................] - ETA: 0s - loss: 0.5000";
        String last = "3/3 [==============================] - 0s 50ms/step - loss: 0.2500";
        assertEquals("\r" + first + "\b".repeat(first.length()) + "\r" + last + "\n", printed());
    }

    @Test
    void verboseOneUsesAbsoluteValueForTheScientificSwitchAndRightAlignsTheCounter() {
        Progbar bar = progbar(10, 1, true, Set.of("loss"));
        clock.advanceMillis(1);
        bar.update(8, Map.of("loss", -0.5), false);
        assertEquals("\r 8/10 [=======================>......] - ETA: 0s - loss: -0.5000", printed());
    }

    @Test
    void nonStatefulValuesAreAveragedOverSteps() {
        Progbar bar = progbar(2, 2, false, Set.of());
        clock.advanceMillis(2);
        bar.update(1, Map.of("loss", 1.0), false);
        clock.advanceMillis(2);
        bar.update(2, Map.of("loss", 0.5), true);
        assertEquals("2/2 - 0s - loss: 0.7500 - 4ms/epoch - 2ms/step\n", printed());
    }

    @Test
    void timesAreShownInSecondsMillisecondsOrMicroseconds() {
        assertEquals(" 3s/epoch", Progbar.formatTime(2.6, "epoch"));
        assertEquals(" 0s/step", Progbar.formatTime(0, "step"));
        assertEquals(" 457us/step", Progbar.formatTime(457e-6, "step"));
        assertEquals(" 8ms/step", Progbar.formatTime(0.0084, "step"));
    }
}
