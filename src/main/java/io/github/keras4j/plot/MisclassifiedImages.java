package io.github.keras4j.plot;

import io.github.keras4j.Model;
import io.github.keras4j.internal.ArrayInput;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The images an image classifier gets wrong, as a Keras tutorial shows them with matplotlib's {@code imshow}: one
 * small grey-scale panel per image (XChart heat maps, dark ink on white as {@code cmap="gray_r"} draws it), titled
 * with its label and the predicted class and probability, under a caption saying how many of how many are wrong.
 */
final class MisclassifiedImages {

    /** Panels per row of the picture. */
    static final int COLUMNS = 6;
    private static final int CAPTION_HEIGHT = 36;
    private static final Color[] GRAY_R = {Color.WHITE, Color.BLACK};

    private MisclassifiedImages() {
    }

    /** One wrong prediction: the sample's index, its label, the predicted class and its probability. */
    record Miss(int index, int label, int predicted, double probability) {
    }

    /** The predictions of {@code model} on {@code x} that differ from the labels {@code y}, in sample order. */
    static List<Miss> misses(Model model, INDArray x, INDArray y) {
        long[] shape = imageShape(x);
        long[] input = model.inputShape();
        if (!Arrays.equals(input, Arrays.copyOfRange(shape, 1, shape.length))) {
            throw new IllegalArgumentException("x has shape " + Arrays.toString(shape) + " but the model takes "
                    + "images of shape " + Arrays.toString(input) + ": give x as [samples, "
                    + Arrays.toString(input).substring(1));
        }
        INDArray predictions = model.predict(x, 32, 0);
        if (predictions.rank() != 2 || predictions.columns() < 2) {
            throw new IllegalArgumentException("misclassified images need a classifier with one output per class "
                    + "(softmax); the model outputs shape " + Arrays.toString(predictions.shape()));
        }
        int rows = (int) shape[0];
        int classes = (int) predictions.columns();
        int[] labels = Labels.classes(y, rows, classes);
        double[][] probabilities = Labels.rows(predictions);
        List<Miss> misses = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int predicted = 0;
            for (int k = 1; k < classes; k++) {
                if (probabilities[i][k] > probabilities[i][predicted]) {
                    predicted = k;
                }
            }
            if (predicted != labels[i]) {
                misses.add(new Miss(i, labels[i], predicted, probabilities[i][predicted]));
            }
        }
        return misses;
    }

    /** {@code x}'s shape, which must be grey-scale images: [samples, height, width, 1]. */
    private static long[] imageShape(INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        long[] shape = x.shape();
        if (shape.length != 4 || shape[3] != 1 || shape[0] < 1) {
            throw new IllegalArgumentException("x must hold grey-scale images, [samples, height, width, 1], "
                    + "received shape " + Arrays.toString(shape));
        }
        return shape;
    }

    /**
     * The picture of the first {@code shown} misses of {@code misses} among {@code samples} images of {@code x}, in
     * panels of {@code panel} pixels square; one caption line when nothing is wrong.
     */
    static BufferedImage render(INDArray x, int samples, List<Miss> misses, int shown, int panel) {
        long[] shape = imageShape(x);
        int height = (int) shape[1];
        int width = (int) shape[2];
        int count = Math.min(shown, misses.size());
        int columns = Math.max(1, Math.min(COLUMNS, count));
        int rows = (count + columns - 1) / columns;
        BufferedImage image = new BufferedImage(Math.max(columns * panel, 2 * panel), CAPTION_HEIGHT + rows * panel,
                BufferedImage.TYPE_INT_RGB);
        double[] pixels = ArrayInput.rowMajor(x.reshape(shape[0], (long) height * width));
        double max = 0;
        for (double value : pixels) {
            max = Math.max(max, value);
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Palette.DARK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(caption(samples, misses.size(), count), 10, 24);
            for (int i = 0; i < count; i++) {
                Miss miss = misses.get(i);
                HeatMapChart chart = panel(miss, pixels, miss.index() * height * width, height, width,
                        max > 0 ? max : 1, panel);
                Graphics2D cell = (Graphics2D) g.create((i % columns) * panel, CAPTION_HEIGHT + (i / columns) * panel,
                        panel, panel);
                try {
                    chart.paint(cell, panel, panel);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static String caption(int samples, int wrong, int shown) {
        if (wrong == 0) {
            return String.format(Locale.ROOT, "all %d images classified correctly", samples);
        }
        return String.format(Locale.ROOT, "%d of %d images misclassified (%.2f%%)%s", wrong, samples,
                100.0 * wrong / samples, shown < wrong ? ", the first " + shown + " shown" : "");
    }

    /** One image as a heat map: image row 0 at the top, as imshow draws it. */
    private static HeatMapChart panel(Miss miss, double[] pixels, int offset, int height, int width, double max,
            int size) {
        HeatMapChart chart = new HeatMapChartBuilder().width(size).height(size)
                .title(String.format(Locale.ROOT, "label %d, predicted %d (%.2f)", miss.label(), miss.predicted(),
                        miss.probability()))
                .build();
        HeatMapStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendVisible(false);
        styler.setAxisTicksVisible(false);
        styler.setAxisTitlesVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setRangeColors(GRAY_R);
        styler.setMin(0);
        styler.setMax(max);
        styler.setPiecewise(false);
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(c);
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            rows.add(r);
        }
        List<Number[]> values = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                // Heat map rows grow upwards; the image's row 0 is its top.
                values.add(new Number[] {c, height - 1 - r, pixels[offset + r * width + c]});
            }
        }
        chart.addSeries("image " + miss.index(), columns, rows, values);
        return chart;
    }
}
