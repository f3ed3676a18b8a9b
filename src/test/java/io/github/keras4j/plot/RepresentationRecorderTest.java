package io.github.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.plot.RepresentationRecorder.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RepresentationRecorderTest {

    static final INDArray XOR_X = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final INDArray XOR_Y = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}});

    @TempDir
    Path dir;

    /** Tutorial 001's network: Linear(2, 2) + sigmoid, Linear(2, 1) + sigmoid, BCE, SGD(0.1). */
    static Sequential xorModel(int hiddenUnits) {
        Sequential model = new Sequential().seed(11);
        model.add(new Dense(hiddenUnits, "sigmoid").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.1), "binary_crossentropy", "binary_accuracy");
        return model;
    }

    @Test
    void recordsBeforeTrainingAtTheScheduleAndAfterTheLastEpoch() {
        RepresentationRecorder every = new RepresentationRecorder(XOR_X, XOR_Y).every(10);
        xorModel(2).fit(XOR_X, XOR_Y, Fit.epochs(25).verbose(0).callbacks(every));
        assertEquals(List.of(0, 10, 20, 25), every.epochs());

        RepresentationRecorder at = new RepresentationRecorder(XOR_X, XOR_Y).atEpochs(12, 5, 40);
        xorModel(2).fit(XOR_X, XOR_Y, Fit.epochs(20).verbose(0).callbacks(at));
        assertEquals(List.of(0, 5, 12, 20), at.epochs());
    }

    @Test
    void recordingDoesNotChangeTraining() {
        Sequential plain = xorModel(2);
        History plainHistory = plain.fit(XOR_X, XOR_Y, Fit.epochs(30).verbose(0));

        Sequential watched = xorModel(2);
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y);
        History watchedHistory = watched.fit(XOR_X, XOR_Y, Fit.epochs(30).verbose(0).callbacks(recorder));

        assertEquals(plainHistory.history(), watchedHistory.history());
        List<INDArray> expected = plain.getWeights();
        List<INDArray> actual = watched.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "weight array " + i);
        }
        assertEquals(31, recorder.snapshots().size());
    }

    @Test
    void snapshotsHoldTheHiddenActivationsAndEveryWeight() {
        Sequential model = xorModel(2);
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y).every(5);
        model.fit(XOR_X, XOR_Y, Fit.epochs(10).verbose(0).callbacks(recorder));
        Snapshot last = recorder.snapshots().get(recorder.snapshots().size() - 1);
        assertEquals(0, recorder.recordedLayer());
        assertEquals(List.of("kernel[0,0]", "kernel[0,1]", "kernel[1,0]", "kernel[1,1]", "bias[0]", "bias[1]"),
                recorder.parameterNames(0));
        assertEquals(List.of("kernel[0,0]", "kernel[1,0]", "bias[0]"), recorder.parameterNames(1));

        double[][] kernel = model.getWeights(0).get(0).toDoubleMatrix();
        double[] bias = model.getWeights(0).get(1).toDoubleVector();
        assertArrayEquals(new double[] {kernel[0][0], kernel[0][1], kernel[1][0], kernel[1][1], bias[0], bias[1]},
                last.parameters().get(0), 0);
        double[][] x = XOR_X.toDoubleMatrix();
        for (int i = 0; i < 4; i++) {
            for (int unit = 0; unit < 2; unit++) {
                double z = x[i][0] * kernel[0][unit] + x[i][1] * kernel[1][unit] + bias[unit];
                assertEquals(1 / (1 + Math.exp(-z)), last.activations()[i][unit], 1e-6, "row " + i + " unit " + unit);
            }
        }
        // The first snapshot holds the weights before any update.
        assertTrue(recorder.snapshots().get(0).parameters().get(0)[0] != last.parameters().get(0)[0]);
    }

    @Test
    void writesRepresentationParametersAndALoopingAnimation() throws Exception {
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y).every(10);
        xorModel(2).fit(XOR_X, XOR_Y, Fit.epochs(30).verbose(0).callbacks(recorder));

        PlotFiles.png(recorder.writeRepresentation(dir.resolve("representation.png")),
                4 * RepresentationRecorder.PANEL_WIDTH, RepresentationRecorder.PANEL_HEIGHT);
        PlotFiles.png(recorder.writeParameters(dir.resolve("parameters.png")), 2 * 560, 380);

        Path gif = recorder.writeAnimation(dir.resolve("representation.gif"));
        assertTrue(Files.size(gif) > 2000);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
            assertEquals(RepresentationRecorder.PANEL_WIDTH, reader.getWidth(3));
            assertEquals(RepresentationRecorder.PANEL_HEIGHT, reader.getHeight(3));
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode loop = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("20", control.getAttribute("delayTime"));
            reader.dispose();
        }
    }

    @Test
    void aWideLayerIsShownThroughPca() throws Exception {
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y).every(10);
        xorModel(5).fit(XOR_X, XOR_Y, Fit.epochs(10).verbose(0).callbacks(recorder));
        List<RepresentationPlot.Projected> projected = RepresentationPlot.project(recorder);
        assertTrue(projected.get(0).caption().contains("PCA of 5 units"), projected.get(0).caption());
        PlotFiles.png(recorder.writeRepresentation(dir.resolve("pca.png")), 2 * RepresentationRecorder.PANEL_WIDTH,
                RepresentationRecorder.PANEL_HEIGHT);
    }

    @Test
    void manySnapshotsAreThinnedKeepingBothEnds() {
        List<Integer> thinned = RepresentationPlot.thin(java.util.stream.IntStream.rangeClosed(0, 100).boxed()
                .toList(), 5);
        assertEquals(List.of(0, 25, 50, 75, 100), thinned);
    }

    @Test
    void nothingToWriteBeforeFit() {
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> recorder.writeRepresentation(dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("pass it to fit"), e.getMessage());
    }

    @Test
    void aModelWithoutHiddenLayerIsRefused() {
        Sequential single = new Sequential(new Dense(1, "sigmoid").inputDim(2)).seed(1);
        single.compile(new SGD(0.1), "binary_crossentropy");
        RepresentationRecorder recorder = new RepresentationRecorder(XOR_X, XOR_Y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> single.fit(XOR_X, XOR_Y, Fit.epochs(1).verbose(0).callbacks(recorder)));
        assertTrue(e.getMessage().contains("only its output layer"), e.getMessage());
    }
}
