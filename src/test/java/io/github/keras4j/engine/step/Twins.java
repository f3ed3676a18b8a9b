package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains two copies of a model on the same data, one through DL4J's fit and one through the compiled step, and
 * compares what they give: every epoch's loss and metrics, and the weights after training.
 */
final class Twins {

    /** One training run. */
    record Run(History history, INDArray params, double[] evaluation, INDArray predictions, Sequential model) {
    }

    private Twins() {
    }

    static Run dl4j(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit) {
        return run(factory, x, y, fit, false);
    }

    static Run compiled(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit) {
        return run(factory, x, y, fit, true);
    }

    private static Run run(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit, boolean compiled) {
        Sequential model = factory.get();
        long before = CompiledTraining.stepsRun();
        Backend.compiledSteps(compiled);
        try {
            History history = model.fit(x, y, fit.verbose(0));
            long compiledSteps = CompiledTraining.stepsRun() - before;
            if (compiled) {
                assertTrue(compiledSteps > 0, "the compiled step did not run");
            } else {
                assertEquals(0, compiledSteps, "the compiled step ran with compiled steps off");
            }
            double[] evaluation = model.evaluate(x, y, 3, 0);
            INDArray predictions = model.predict(x, 3, 0);
            return new Run(history, model.network().params().dup(), evaluation, predictions, model);
        } finally {
            Backend.compiledSteps(true);
        }
    }

    /** Runs {@code work} with compiled steps on or off, then turns them back on. */
    static <T> T withCompiledSteps(boolean compiled, Supplier<T> work) {
        Backend.compiledSteps(compiled);
        try {
            return work.get();
        } finally {
            Backend.compiledSteps(true);
        }
    }

    /** Trains both ways and requires the same numbers, bit for bit. */
    static void assertIdentical(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit) {
        assertIdentical(factory, x, y, () -> fit);
    }

    /** As {@link #assertIdentical(Supplier, INDArray, INDArray, Fit)}, with new options (new callbacks) per run. */
    static void assertIdentical(Supplier<Sequential> factory, INDArray x, INDArray y, Supplier<Fit> fit) {
        Run dl4j = dl4j(factory, x, y, fit.get());
        Run compiled = compiled(factory, x, y, fit.get());
        assertEquals(dl4j.history().history(), compiled.history().history(), "losses and metrics per epoch");
        SameNumbers.assertSame(dl4j.params(), compiled.params(), "weights after training");
        org.junit.jupiter.api.Assertions.assertArrayEquals(dl4j.evaluation(), compiled.evaluation(),
                "evaluate() in batches of 3");
        SameNumbers.assertSame(dl4j.predictions(), compiled.predictions(), "predict() in batches of 3");
    }

    /**
     * Trains both ways and requires the same numbers within {@code relative} (the compiled step computes the same
     * formula with other ND4J operations, whose rounding differs).
     */
    static void assertClose(Supplier<Sequential> factory, INDArray x, INDArray y, Fit fit, double relative) {
        Run dl4j = dl4j(factory, x, y, fit);
        Run compiled = compiled(factory, x, y, fit);
        Map<String, List<Double>> expected = dl4j.history().history();
        Map<String, List<Double>> actual = compiled.history().history();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            List<Double> e = expected.get(key);
            List<Double> a = actual.get(key);
            assertEquals(e.size(), a.size(), key);
            for (int i = 0; i < e.size(); i++) {
                assertRelative(e.get(i), a.get(i), relative, key + " at epoch " + (i + 1));
            }
        }
        assertWithinScale(dl4j.params(), compiled.params(), relative, "weight");
        assertWithinScale(dl4j.predictions(), compiled.predictions(), relative, "prediction");
    }

    /** Every value of {@code actual} within {@code relative} of the largest value of {@code expected}. */
    private static void assertWithinScale(INDArray expected, INDArray actual, double relative, String what) {
        double[] e = expected.dup().reshape(-1).toDoubleVector();
        double[] a = actual.dup().reshape(-1).toDoubleVector();
        assertEquals(e.length, a.length, what + "s");
        double scale = 0;
        for (double value : e) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > relative * scale) {
                fail(what + " " + i + ": " + e[i] + " vs " + a[i] + " (largest " + scale + ")");
            }
        }
    }

    static void assertRelative(double expected, double actual, double relative, String what) {
        double tolerance = relative * Math.max(Math.abs(expected), 1e-12);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative tolerance " + relative + ")");
        }
    }
}
