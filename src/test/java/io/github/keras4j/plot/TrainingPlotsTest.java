package io.github.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingPlotsTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryPictureOfATwoInputClassifier() throws Exception {
        Sequential model = RepresentationRecorderTest.xorModel(2);
        RepresentationRecorder recorder = new RepresentationRecorder(RepresentationRecorderTest.XOR_X,
                RepresentationRecorderTest.XOR_Y).every(5);
        History history = model.fit(RepresentationRecorderTest.XOR_X, RepresentationRecorderTest.XOR_Y,
                Fit.epochs(10).verbose(0).callbacks(recorder));
        Path out = dir.resolve("plots");
        List<Path> written = TrainingPlots.writeAll(model, history, RepresentationRecorderTest.XOR_X,
                RepresentationRecorderTest.XOR_Y, recorder, out);
        assertEquals(List.of(out.resolve("history.png"), out.resolve("decision_regions.png"),
                out.resolve("representation.png"), out.resolve("parameters.png"), out.resolve("representation.gif")),
                written);
        for (Path file : written) {
            assertEquals(true, Files.size(file) > 2000, file.toString());
        }
        PlotFiles.png(out.resolve("decision_regions.png"), Plots.REGIONS_WIDTH, Plots.REGIONS_HEIGHT);
    }

    @Test
    void leavesOutDecisionRegionsForOtherInputSizes() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(2, "relu").inputDim(3));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.1), "binary_crossentropy");
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}});
        History history = model.fit(x, y, Fit.epochs(3).verbose(0));
        assertEquals(List.of(dir.resolve("history.png")), TrainingPlots.writeAll(model, history, x, y, null, dir));
    }
}
