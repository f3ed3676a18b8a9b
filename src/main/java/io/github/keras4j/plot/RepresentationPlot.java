package io.github.keras4j.plot;

import io.github.keras4j.plot.RepresentationRecorder.Snapshot;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Where a hidden layer puts each input, snapshot by snapshot: panels of a grid, or frames of an animation. */
final class RepresentationPlot {

    /** Points are labelled with their input only when few enough for the labels to be read. */
    static final int LABELLED_POINTS = 16;

    private RepresentationPlot() {
    }

    /** One snapshot in the plane. */
    record Projected(int epoch, double[][] points, String caption, String xTitle, String yTitle) {
    }

    static BufferedImage grid(RepresentationRecorder recorder, int maxPanels) {
        List<Projected> all = project(recorder);
        List<Projected> shown = thin(all, maxPanels);
        double[] range = range(all);
        int columns = Math.min(4, shown.size());
        int rows = (shown.size() + columns - 1) / columns;
        List<XYChart> charts = new ArrayList<>();
        for (Projected projected : shown) {
            charts.add(panel(recorder, projected, range));
        }
        return Charts.grid(charts, columns, RepresentationRecorder.PANEL_WIDTH * columns,
                RepresentationRecorder.PANEL_HEIGHT * rows);
    }

    static List<BufferedImage> frames(RepresentationRecorder recorder, int maxFrames) {
        List<Projected> all = project(recorder);
        double[] range = range(all);
        List<BufferedImage> frames = new ArrayList<>();
        for (Projected projected : thin(all, maxFrames)) {
            frames.add(Charts.grid(List.of(panel(recorder, projected, range)), 1, RepresentationRecorder.PANEL_WIDTH,
                    RepresentationRecorder.PANEL_HEIGHT));
        }
        return frames;
    }

    /** Every snapshot in the plane: 1 unit on a line, 2 units as they are, more on their first 2 principal axes. */
    static List<Projected> project(RepresentationRecorder recorder) {
        List<Projected> projected = new ArrayList<>();
        double[][] previousAxes = null;
        for (Snapshot snapshot : recorder.snapshots()) {
            double[][] activations = snapshot.activations();
            int units = activations[0].length;
            String caption = "epoch " + snapshot.epoch();
            if (units == 1) {
                double[][] points = new double[activations.length][];
                for (int i = 0; i < points.length; i++) {
                    points[i] = new double[] {activations[i][0], 0};
                }
                projected.add(new Projected(snapshot.epoch(), points, caption + ": 1 unit", "unit 0", ""));
            } else if (units == 2) {
                projected.add(new Projected(snapshot.epoch(), activations, caption + ": 2 units", "unit 0",
                        "unit 1"));
            } else if (activations.length < 2) {
                throw new IllegalArgumentException("a layer of " + units + " units is shown through PCA, which needs "
                        + "at least 2 input rows; the recorder has " + activations.length);
            } else {
                Pca pca = Pca.of(activations, 2, previousAxes);
                previousAxes = pca.axes();
                projected.add(new Projected(snapshot.epoch(), pca.projected(),
                        String.format(Locale.ROOT, "%s: PCA of %d units, %.1f%% + %.1f%% of variance", caption, units,
                                100 * pca.explained()[0], 100 * pca.explained()[1]),
                        "PC1", "PC2"));
            }
        }
        return projected;
    }

    /** At most {@code limit} items spread evenly, always keeping the first and the last. */
    static <T> List<T> thin(List<T> items, int limit) {
        if (items.size() <= limit) {
            return items;
        }
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            kept.add(items.get((int) Math.round(i * (items.size() - 1) / (double) (limit - 1))));
        }
        return kept;
    }

    /** [xMin, xMax, yMin, yMax] over every snapshot, with a margin, so that all panels share their axes. */
    private static double[] range(List<Projected> all) {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (Projected projected : all) {
            for (double[] point : projected.points()) {
                for (int axis = 0; axis < 2; axis++) {
                    if (Double.isFinite(point[axis])) {
                        range[2 * axis] = Math.min(range[2 * axis], point[axis]);
                        range[2 * axis + 1] = Math.max(range[2 * axis + 1], point[axis]);
                    }
                }
            }
        }
        if (range[0] > range[1]) {
            throw new IllegalArgumentException("the recorded activations hold no finite value (training diverged?)");
        }
        for (int axis = 0; axis < 2; axis++) {
            double span = range[2 * axis + 1] - range[2 * axis];
            double margin = span > 0 ? span * 0.08 : 0.5;
            range[2 * axis] -= margin;
            range[2 * axis + 1] += margin;
        }
        return range;
    }

    private static XYChart panel(RepresentationRecorder recorder, Projected projected, double[] range) {
        XYChart chart = Charts.xy(RepresentationRecorder.PANEL_WIDTH, RepresentationRecorder.PANEL_HEIGHT,
                projected.caption(), projected.xTitle(), projected.yTitle());
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(range[2]).setYAxisMax(range[3]);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(projected.points().length > 200 ? 5 : 10);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.##");
        int[] labels = recorder.labels();
        double[][] points = projected.points();
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        for (int k = 0; k < classes; k++) {
            List<double[]> members = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == k && Double.isFinite(points[i][0]) && Double.isFinite(points[i][1])) {
                    members.add(points[i]);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries("class " + k, members.stream().mapToDouble(p -> p[0]).toArray(),
                    members.stream().mapToDouble(p -> p[1]).toArray());
            series.setMarker(new EdgedCircle());
            series.setMarkerColor(Palette.color(k));
        }
        double[][] inputs = recorder.inputs();
        if (points.length <= LABELLED_POINTS) {
            chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
            double lift = (range[3] - range[2]) * 0.055;
            for (int i = 0; i < points.length; i++) {
                if (Double.isFinite(points[i][0]) && Double.isFinite(points[i][1])) {
                    chart.addAnnotation(new AnnotationText(inputText(inputs[i]), points[i][0], points[i][1] + lift,
                            false));
                }
            }
        }
        return chart;
    }

    /** An input row as {@code (0, 1)}, whole numbers without decimals. */
    static String inputText(double[] input) {
        StringBuilder text = new StringBuilder("(");
        for (int d = 0; d < input.length; d++) {
            if (d > 0) {
                text.append(", ");
            }
            double v = input[d];
            text.append(v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                    : String.format(Locale.ROOT, "%.2g", v));
        }
        return text.append(')').toString();
    }
}
