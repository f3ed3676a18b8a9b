package io.github.keras4j.plot;

import io.github.keras4j.Model;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.layers.Layer;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-input classifier's prediction over the plane, with the data on top. XChart draws the axes, title, legend
 * and points on a transparent canvas; the prediction is then painted beneath them, one model evaluation per pixel
 * of the plot area, placed through XChart's own data-to-screen mapping so that region and points line up exactly.
 */
final class DecisionRegions {

    /** The share of the data's range added on each side, so that points on the edge are not cut in half. */
    static final double MARGIN = 0.1;

    private static final double SOFTMAX_TINT = 0.35;
    private static final double SIGMOID_TINT = 0.6;
    private static final int PREDICT_BATCH = 8192;

    private DecisionRegions() {
    }

    /** The picture and where the data rectangle [xMin, xMax] x [yMin, yMax] lies in it, in pixels. */
    record Rendered(BufferedImage image, double left, double top, double right, double bottom, double xMin,
            double xMax, double yMin, double yMax) {

        /** The pixel column of data coordinate x. */
        int column(double x) {
            return (int) Math.floor(left + (x - xMin) / (xMax - xMin) * (right - left));
        }

        /** The pixel row of data coordinate y (rows grow downwards). */
        int row(double y) {
            return (int) Math.floor(top + (yMax - y) / (yMax - yMin) * (bottom - top));
        }
    }

    /** How the model's output becomes a class. */
    private enum Output {
        /** One sigmoid unit: class 1 when the probability exceeds 0.5; the probability is shaded. */
        SIGMOID,
        /** Several softmax units: the class of the largest. */
        SOFTMAX;

        static Output of(Model model) {
            List<Layer> layers = model.layers();
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("the model has no layers");
            }
            Layer last = layers.get(layers.size() - 1);
            Activations activation = last.outputActivation();
            int units = model.outputUnits();
            if (activation == Activations.SIGMOID && units == 1) {
                return SIGMOID;
            }
            if (activation == Activations.SOFTMAX && units >= 2) {
                return SOFTMAX;
            }
            throw new IllegalArgumentException("decision regions need a classifier whose last layer is one sigmoid "
                    + "unit or a softmax over several units; the last layer '" + last.name() + "' has " + units
                    + " unit" + (units == 1 ? "" : "s") + " and activation '"
                    + (activation == null ? last.className() : activation.kerasName()) + "'");
        }
    }

    /** Fails with the reason when the model's output is not one sigmoid unit or a softmax over several. */
    static void outputOf(Model model) {
        Output.of(model);
    }

    static Rendered render(Model model, INDArray x, INDArray y, int width, int height) {
        Charts.requireSize(width, height);
        if (model.inputUnits() != 2) {
            throw new IllegalArgumentException("decision regions are drawn in the plane of 2 input features; this "
                    + "model takes " + model.inputUnits() + " input features");
        }
        Output output = Output.of(model);
        int classes = output == Output.SIGMOID ? 2 : model.outputUnits();
        double[][] points = Labels.features(x, 2);
        int[] labels = Labels.classes(y, points.length, classes);

        double[] range = range(points);
        double xMin = range[0];
        double xMax = range[1];
        double yMin = range[2];
        double yMax = range[3];

        String title = output == Output.SIGMOID ? "Decision regions: P(class 1), boundary at 0.5"
                : "Decision regions: argmax of " + classes + " softmax units";
        XYChart chart = Charts.xy(width, height, title, "x[0]", "x[1]");
        Styler transparent = chart.getStyler();
        transparent.setChartBackgroundColor(new Color(0, 0, 0, 0));
        transparent.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(points.length > 2000 ? 4 : points.length > 200 ? 6 : 9);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (int k = 0; k < classes; k++) {
            int count = 0;
            for (int label : labels) {
                count += label == k ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] px = new double[count];
            double[] py = new double[count];
            int next = 0;
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == k) {
                    px[next] = points[i][0];
                    py[next++] = points[i][1];
                }
            }
            XYSeries series = chart.addSeries("class " + k, px, py);
            series.setMarker(new EdgedCircle());
            series.setMarkerColor(Palette.color(k));
        }

        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            chart.paint(g, width, height);
            double left = chart.getScreenXFromChart(xMin);
            double right = chart.getScreenXFromChart(xMax);
            double top = chart.getScreenYFromChart(yMax);
            double bottom = chart.getScreenYFromChart(yMin);
            int x0 = (int) Math.floor(left);
            int y0 = (int) Math.floor(top);
            int columns = (int) Math.ceil(right) - x0;
            int rows = (int) Math.ceil(bottom) - y0;
            if (columns < 2 || rows < 2) {
                throw new IllegalArgumentException("the plot area is too small (" + columns + " x " + rows
                        + " pixels) for a " + width + " x " + height + " picture");
            }
            Rendered mapping = new Rendered(null, left, top, right, bottom, xMin, xMax, yMin, yMax);
            BufferedImage regions = regions(model, output, mapping, x0, y0, columns, rows);
            // Beneath what the chart drew: only transparent pixels (and the see-through edges of lines) show it.
            g.setComposite(AlphaComposite.DstOver);
            g.drawImage(regions, x0, y0, null);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            return new Rendered(opaque(canvas), left, top, right, bottom, xMin, xMax, yMin, yMax);
        } finally {
            g.dispose();
        }
    }

    /** The prediction at the centre of every pixel of the plot area, as colours, with the boundary drawn dark. */
    private static BufferedImage regions(Model model, Output output, Rendered mapping, int x0, int y0,
            int columns, int rows) {
        double[] grid = new double[columns * rows * 2];
        for (int r = 0; r < rows; r++) {
            double y = mapping.yMax() - (y0 + r + 0.5 - mapping.top()) / (mapping.bottom() - mapping.top())
                    * (mapping.yMax() - mapping.yMin());
            for (int c = 0; c < columns; c++) {
                int at = 2 * (r * columns + c);
                grid[at] = mapping.xMin() + (x0 + c + 0.5 - mapping.left()) / (mapping.right() - mapping.left())
                        * (mapping.xMax() - mapping.xMin());
                grid[at + 1] = y;
            }
        }
        INDArray predicted = model.predict(Nd4j.create(grid, new long[] {(long) columns * rows, 2}, DataType.DOUBLE),
                PREDICT_BATCH, 0);
        double[][] out = Labels.rows(predicted);
        int[] classOf = new int[out.length];
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < out.length; i++) {
            Color colour;
            if (output == Output.SIGMOID) {
                double p = out[i][0];
                classOf[i] = p > 0.5 ? 1 : 0;
                colour = Palette.blend(Color.WHITE, Palette.color(classOf[i]), SIGMOID_TINT * Math.abs(2 * p - 1));
            } else {
                classOf[i] = argmax(out[i]);
                colour = Palette.blend(Color.WHITE, Palette.color(classOf[i]), SOFTMAX_TINT);
            }
            image.setRGB(i % columns, i / columns, colour.getRGB());
        }
        int dark = Palette.DARK.getRGB();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int here = classOf[r * columns + c];
                boolean edge = (c + 1 < columns && classOf[r * columns + c + 1] != here)
                        || (r + 1 < rows && classOf[(r + 1) * columns + c] != here);
                if (edge) {
                    image.setRGB(c, r, dark);
                }
            }
        }
        return image;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    /** [xMin, xMax, yMin, yMax]: the data's bounding box widened by {@link #MARGIN} of its size on each side. */
    static double[] range(double[][] points) {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double[] point : points) {
            for (int axis = 0; axis < 2; axis++) {
                if (!Double.isFinite(point[axis])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "x holds a non-finite value (%s) in column %d", point[axis], axis));
                }
                range[2 * axis] = Math.min(range[2 * axis], point[axis]);
                range[2 * axis + 1] = Math.max(range[2 * axis + 1], point[axis]);
            }
        }
        for (int axis = 0; axis < 2; axis++) {
            double span = range[2 * axis + 1] - range[2 * axis];
            double margin = span > 0 ? span * MARGIN : 0.5;
            range[2 * axis] -= margin;
            range[2 * axis + 1] += margin;
        }
        return range;
    }

    private static BufferedImage opaque(BufferedImage argb) {
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(argb, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
