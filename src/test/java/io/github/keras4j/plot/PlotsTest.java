package io.github.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlotsTest {

    @TempDir
    Path dir;

    /** A History as fit leaves it, from scripted epoch logs. */
    private static History history(int epochs) {
        History history = new History();
        history.onTrainBegin(Map.of());
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 0.25 * Math.pow(1e-4, e / (double) (epochs - 1)));
            logs.put("binary_accuracy", Math.min(1.0, 0.5 + e * 0.05));
            logs.put("val_loss", 0.3 * Math.pow(1e-3, e / (double) (epochs - 1)));
            logs.put("val_binary_accuracy", Math.min(1.0, 0.5 + e * 0.04));
            history.onEpochEnd(e, logs);
        }
        return history;
    }

    @Test
    void historyIsAPngOfTheRequestedSize() throws Exception {
        Path file = Plots.history(history(40), dir.resolve("history.png"), 900, 400);
        PlotFiles.png(file, 900, 400);
        assertEquals("true", System.getProperty("java.awt.headless"), "plots must run AWT headless");
    }

    @Test
    void historyDefaultSizeHasOnePanelPerQuantity() throws Exception {
        // loss and binary_accuracy, each with its val_ twin: two panels side by side.
        assertEquals(List.of("loss", "binary_accuracy"),
                List.copyOf(HistoryPlot.panels(history(5).history()).keySet()));
        PlotFiles.png(Plots.history(history(5), dir.resolve("h.png")), 2 * Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
    }

    @Test
    void lossGoesLogarithmicBeyondTwoDecades() {
        Map<String, List<Double>> tutorial000 = Map.of("loss", List.of(0.25, 0.1, 2e-5));
        assertTrue(HistoryPlot.spansDecades(List.of("loss"), tutorial000));
        Map<String, List<Double>> flat = Map.of("loss", List.of(0.25, 0.1, 0.003));
        assertFalse(HistoryPlot.spansDecades(List.of("loss"), flat));
    }

    @Test
    void validationDashesSpanOneSegmentBecauseXChartRestartsThemPerSegment() {
        float[] many = HistoryPlot.dashed(520, 200).getDashArray();
        assertEquals((520 - 110) / 199.0, many[0] + many[1], 1e-4);
        float[] few = HistoryPlot.dashed(520, 10).getDashArray();
        assertEquals(7f, few[0]);
        assertEquals(5f, few[1]);
    }

    @Test
    void emptyHistoryIsRefused() {
        History empty = new History();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.history(empty, dir.resolve("none.png")));
        assertTrue(e.getMessage().contains("no epochs"), e.getMessage());
    }

    /** One sigmoid unit with kernel [[1], [0]] and bias 0: P(class 1) = sigmoid(x0), so class 1 is x0 > 0. */
    private static Sequential signOfFirstFeature() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputDim(2));
        model.setWeights(0, new double[][] {{1}, {0}}, new double[] {0});
        return model;
    }

    /** Points in the corners only, so that the middle of each half shows the region, not a point. */
    private static final INDArray CORNERS = Nd4j.createFromArray(new double[][] {{-2, -2}, {-2, 2}, {2, -2}, {2, 2}});

    @Test
    void sigmoidRegionsShadeTheProbabilityAndDrawTheBoundary() throws Exception {
        Sequential model = signOfFirstFeature();
        INDArray labels = Nd4j.createFromArray(new double[][] {{0}, {0}, {1}, {1}});
        Path file = Plots.decisionRegions(model, CORNERS, labels, dir.resolve("regions.png"), 640, 480);
        BufferedImage image = PlotFiles.png(file, 640, 480);
        DecisionRegions.Rendered map = DecisionRegions.render(model, CORNERS, labels, 640, 480);
        assertEquals(-2.4, map.xMin(), 1e-12);
        assertEquals(2.4, map.xMax(), 1e-12);

        Color right = new Color(image.getRGB(map.column(1.2), map.row(0.3)));
        Color left = new Color(image.getRGB(map.column(-1.2), map.row(0.3)));
        Color farRight = new Color(image.getRGB(map.column(2.3), map.row(0.3)));
        // Class 1 is tab10 orange, class 0 tab10 blue, both mixed with white by the probability's distance to 0.5.
        assertTrue(right.getRed() > right.getBlue() + 40, "x0 > 0 should be shaded orange: " + right);
        assertTrue(left.getBlue() > left.getRed() + 30, "x0 < 0 should be shaded blue: " + left);
        assertTrue(farRight.getBlue() < right.getBlue(), "a surer prediction is shaded deeper: " + farRight
                + " vs " + right);

        int row = map.row(0.3);
        int boundary = map.column(0);
        boolean dark = false;
        for (int c = boundary - 1; c <= boundary + 1; c++) {
            Color pixel = new Color(image.getRGB(c, row));
            dark |= pixel.getRed() < 90 && pixel.getGreen() < 90 && pixel.getBlue() < 90;
        }
        assertTrue(dark, "the 0.5 contour should be drawn at x0 = 0");
        Color nearBoundary = new Color(image.getRGB(map.column(0.15), row));
        assertTrue(nearBoundary.getRed() > 230 && nearBoundary.getGreen() > 230 && nearBoundary.getBlue() > 200,
                "a probability near 0.5 is nearly white: " + nearBoundary);
    }

    @Test
    void softmaxRegionsColourTheArgmaxClass() throws Exception {
        // Logits (x0, -x0): class 0 where x0 > 0.
        Sequential model = new Sequential(new Dense(2, "softmax").inputDim(2));
        model.setWeights(0, new double[][] {{1, -1}, {0, 0}}, new double[] {0, 0});
        INDArray oneHot = Nd4j.createFromArray(new double[][] {{0, 1}, {0, 1}, {1, 0}, {1, 0}});
        Path file = Plots.decisionRegions(model, CORNERS, oneHot, dir.resolve("softmax.png"));
        BufferedImage image = PlotFiles.png(file, Plots.REGIONS_WIDTH, Plots.REGIONS_HEIGHT);
        DecisionRegions.Rendered map = DecisionRegions.render(model, CORNERS, oneHot, Plots.REGIONS_WIDTH,
                Plots.REGIONS_HEIGHT);
        Color classZero = new Color(image.getRGB(map.column(1.2), map.row(-0.5)));
        Color classOne = new Color(image.getRGB(map.column(-1.2), map.row(-0.5)));
        assertEquals(Palette.blend(Color.WHITE, Palette.color(0), 0.35), classZero);
        assertEquals(Palette.blend(Color.WHITE, Palette.color(1), 0.35), classOne);
        // A data point is drawn on top in its label's full colour.
        Color point = new Color(image.getRGB(map.column(2), map.row(2)));
        assertEquals(Palette.color(0), point);
    }

    @Test
    void modelsWithoutTwoInputsAreRefused() {
        Sequential threeInputs = new Sequential(new Dense(1, "sigmoid").inputDim(3));
        INDArray x = Nd4j.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.decisionRegions(threeInputs, x, Nd4j.zeros(4, 1), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("2 input features") && e.getMessage().contains("takes 3"),
                e.getMessage());
    }

    @Test
    void modelsThatAreNotClassifiersAreRefused() {
        Sequential regression = new Sequential(new Dense(1).inputDim(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.decisionRegions(regression, CORNERS, Nd4j.zeros(4, 1), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("activation 'linear'"), e.getMessage());
    }

    @Test
    void labelsMustBeClassNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.decisionRegions(signOfFirstFeature(), CORNERS,
                        Nd4j.createFromArray(new double[][] {{0}, {0.5}, {1}, {1}}), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("y[1] = 0.5"), e.getMessage());
    }
}
