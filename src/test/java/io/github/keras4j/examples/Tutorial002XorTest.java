package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.StdoutCapture;
import io.github.keras4j.internal.PythonFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Golden test of tutorial 002: the verbose-1 log off a terminal, evaluate's line and percentage, predictions. */
class Tutorial002XorTest {

    private static final Pattern BAR_LINE = Pattern.compile("1/1 \\[==============================\\] - \\d+s "
            + "\\d+(?:s|ms|us)/step - loss: (\\d\\.\\d{4}(?:e[-+]\\d\\d)?) - binary_accuracy: (\\d\\.\\d{4}(?:e[-+]\\d\\d)?)");

    @Test
    void printsOneBarPerEpochThenTheEvaluationAndPredicts() {
        StdoutCapture.Captured<Tutorial002Xor.Result> run = StdoutCapture.capture(() -> Tutorial002Xor.run(2L, 1));
        String[] lines = run.output().split("\n", -1);
        List<Double> losses = run.value().history().get("loss");
        for (int epoch = 0; epoch < 1000; epoch++) {
            assertEquals("Epoch " + (epoch + 1) + "/1000", lines[2 * epoch]);
            Matcher bar = BAR_LINE.matcher(lines[2 * epoch + 1]);
            assertTrue(bar.matches(), "epoch line: " + lines[2 * epoch + 1]);
            double loss = losses.get(epoch);
            assertEquals(Math.abs(loss) > 1e-3 ? PythonFormat.fixed(loss, 4) : PythonFormat.scientific(loss, 4),
                    bar.group(1));
        }
        assertFalseCarriageReturns(run.output());
        Matcher evaluation = BAR_LINE.matcher(lines[2000]);
        assertTrue(evaluation.matches(), "evaluate line: " + lines[2000]);
        assertEquals("", lines[2001]);
        assertEquals("binary_accuracy: 100.00%", lines[2002]);
        assertTrue(lines[2003].matches("1/1 \\[==============================\\] - \\d+s \\d+(?:s|ms|us)/step"),
                lines[2003]);
        assertEquals(1.0, run.value().scores()[1]);
        assertArrayEquals(new double[] {0, 1, 1, 0}, Transforms.round(run.value().predictions()).toDoubleVector());
    }

    private static void assertFalseCarriageReturns(String output) {
        assertEquals(-1, output.indexOf('\r'), "no carriage returns when the output is not a terminal");
        assertEquals(-1, output.indexOf('\b'), "no backspaces when the output is not a terminal");
    }
}
