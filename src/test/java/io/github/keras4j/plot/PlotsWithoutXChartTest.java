package io.github.keras4j.plot;

import static io.github.keras4j.Fit.epochs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.cli.Keras4jCommand;
import io.github.keras4j.internal.ChildJvm;
import io.github.keras4j.internal.OptionalDependency;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An application without XChart on its classpath (keras4j declares it optional): training, with a
 * {@link RepresentationRecorder} too, works; every picture, and {@code keras4j train --plots} before it trains, is
 * refused with an error naming XChart's coordinates, never a {@code NoClassDefFoundError}.
 */
class PlotsWithoutXChartTest {

    private static final String MISSING = "plots need XChart on the classpath; missing: org.knowm.xchart:xchart:3.8.8. "
            + "Add it to your build (keras4j declares it optional; README \"Use it in your project\"), or build "
            + "keras4j with mvn package and run ./keras4j, which has it on its classpath";

    private static final List<String> ENTRIES = List.of("Plots.history", "Plots.history(size)",
            "Plots.decisionRegions", "TrainingPlots.drawsDecisionRegions", "TrainingPlots.writeAll",
            "RepresentationRecorder.writeRepresentation", "RepresentationRecorder.writeParameters",
            "RepresentationRecorder.writeAnimation", "Plots.misclassified", "TrainingPlots.drawsMisclassified");

    @TempDir
    Path dir;

    @Test
    void everyPlotNamesXChartAndTrainingStillWorks() throws Exception {
        ChildJvm.Result result = ChildJvm.runWithout(List.of("xchart-"), WithoutXChart.class.getName(),
                dir.toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("xchart absent", lines.get(0), result.out());
        assertEquals("recorded 3 snapshots", lines.get(1), result.out());
        for (int i = 0; i < ENTRIES.size(); i++) {
            assertEquals(ENTRIES.get(i) + ": " + MISSING, lines.get(2 + i));
        }
        assertEquals("train --plots: exit " + Keras4jCommand.EXIT_FAILED, lines.get(2 + ENTRIES.size()));
        assertTrue(result.err().contains("keras4j: error: " + MISSING + System.lineSeparator()), result.err());
        try (Stream<Path> written = Files.walk(dir)) {
            assertEquals(List.of(dir), written.toList(), "nothing may be written: no picture, no trained run");
        }
    }

    /** The child JVM's program; prints one line per step. */
    static final class WithoutXChart {

        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            System.out.println(OptionalDependency.present(WithoutXChart.class.getClassLoader(),
                    "org.knowm.xchart.XYChart") ? "xchart present" : "xchart absent");
            INDArray x = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(4, "tanh").inputDim(2));
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "mean_squared_error", "binary_accuracy");
            RepresentationRecorder recorder = new RepresentationRecorder(x, y);
            History history = model.fit(x, y, epochs(2).verbose(0).callbacks(recorder));
            System.out.println("recorded " + recorder.snapshots().size() + " snapshots");
            attempt("Plots.history", () -> Plots.history(history, dir.resolve("history.png")));
            attempt("Plots.history(size)", () -> Plots.history(history, dir.resolve("history.png"), 400, 300));
            attempt("Plots.decisionRegions", () -> Plots.decisionRegions(model, x, y, dir.resolve("regions.png")));
            attempt("TrainingPlots.drawsDecisionRegions", () -> TrainingPlots.drawsDecisionRegions(model));
            attempt("TrainingPlots.writeAll", () -> TrainingPlots.writeAll(model, history, x, y, recorder, dir));
            attempt("RepresentationRecorder.writeRepresentation",
                    () -> recorder.writeRepresentation(dir.resolve("representation.png")));
            attempt("RepresentationRecorder.writeParameters",
                    () -> recorder.writeParameters(dir.resolve("parameters.png")));
            attempt("RepresentationRecorder.writeAnimation",
                    () -> recorder.writeAnimation(dir.resolve("representation.gif")));
            Sequential images = new Sequential(new Conv2D(2, 2).inputShape(2, 2, 1), new Flatten(),
                    new Activation("softmax"));
            attempt("Plots.misclassified", () -> Plots.misclassified(images, Nd4j.zeros(1, 2, 2, 1),
                    Nd4j.zeros(1, 1), dir.resolve("misclassified.png")));
            attempt("TrainingPlots.drawsMisclassified", () -> TrainingPlots.drawsMisclassified(images));
            int exitCode = Keras4jCommand.execute("train", "configs/tutorial000_xor.json", "--plots",
                    dir.resolve("plots").toString(), "--output", dir.resolve("run").toString());
            System.out.println("train --plots: exit " + exitCode);
        }

        private static void attempt(String entry, Runnable plot) {
            try {
                plot.run();
                System.out.println(entry + ": drew without XChart");
            } catch (IllegalStateException expected) {
                System.out.println(entry + ": " + expected.getMessage());
            }
        }
    }
}
