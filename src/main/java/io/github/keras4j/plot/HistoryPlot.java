package io.github.keras4j.plot;

import io.github.keras4j.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The curves of a {@link History}: one panel per quantity ({@code loss}, then each metric in logging order), its
 * {@code val_} twin dashed in the same colour. The loss panel switches to a logarithmic axis when its values span
 * more than two decades, as tutorial 000's loss does (0.25 down to 2e-5).
 */
final class HistoryPlot {

    /** Beyond this ratio of largest to smallest loss, a linear axis squashes the tail of training flat. */
    static final double LOG_SCALE_RATIO = 100;

    private static final int MARKERS_UP_TO_EPOCHS = 30;
    private static final BasicStroke SOLID = new BasicStroke(2f);
    /** The plot area is the panel less its axis, labels and margins: about this many pixels. */
    private static final int PANEL_CHROME = 110;

    private HistoryPlot() {
    }

    /** The quantities of a history, each its training key followed by its {@code val_} key when there is one. */
    static Map<String, List<String>> panels(Map<String, List<Double>> values) {
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            String base = key.startsWith("val_") && values.containsKey(key.substring(4)) ? key.substring(4) : key;
            panels.computeIfAbsent(base, k -> new ArrayList<>()).add(key);
        }
        return panels;
    }

    static BufferedImage render(History history, int width, int height) {
        Map<String, List<Double>> values = history.history();
        List<Integer> epochs = history.epoch();
        if (epochs.isEmpty() || values.isEmpty()) {
            throw new IllegalArgumentException("the history has no epochs to plot; plot it after fit has run");
        }
        Map<String, List<String>> panels = panels(values);
        int columns = Math.min(2, panels.size());
        List<XYChart> charts = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
            charts.add(panel(panel.getKey(), panel.getValue(), values, epochs, Palette.color(colour++),
                    width / columns));
        }
        return Charts.grid(charts, columns, width, height);
    }

    private static XYChart panel(String quantity, List<String> keys, Map<String, List<Double>> values,
            List<Integer> epochs, Color colour, int panelWidth) {
        XYChart chart = Charts.xy(400, 300, quantity, "epoch", quantity);
        boolean logarithmic = quantity.equals("loss") && spansDecades(keys, values);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        if (logarithmic) {
            chart.setTitle(quantity + " (log scale)");
        }
        chart.getStyler().setLegendVisible(true);
        if (epochs.size() > 10) {
            // Whole epochs; an axis from 0 lets XChart pick round tick steps (from 1 it ticks 1, 11, 21...).
            chart.getStyler().setXAxisDecimalPattern("#,##0");
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax((double) epochs.get(epochs.size() - 1) + 1);
        }
        for (String key : keys) {
            List<double[]> points = finitePoints(values.get(key), epochs, logarithmic);
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            XYSeries series = chart.addSeries(key, x, y);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setLineStyle(key.startsWith("val_") && !key.equals(quantity) ? dashed(panelWidth, epochs.size())
                    : SOLID);
            series.setMarker(epochs.size() <= MARKERS_UP_TO_EPOCHS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("'" + quantity + "' has no finite value in any epoch; nothing to plot");
        }
        return chart;
    }

    /**
     * A dash pattern that shows on XChart's lines. XChart draws a line as separate segments, one per pair of epochs,
     * and the dash pattern restarts with each segment; so one period of the pattern (a dash and a gap) is made one
     * segment long. Long segments (few epochs) get the ordinary 7-on, 5-off dash.
     */
    static BasicStroke dashed(int panelWidth, int epochs) {
        double segment = Math.max(2, (panelWidth - PANEL_CHROME) / (double) Math.max(1, epochs - 1));
        float[] pattern = segment >= 12 ? new float[] {7f, 5f}
                : new float[] {(float) (segment * 0.55), (float) (segment * 0.45)};
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f);
    }

    static boolean spansDecades(List<String> keys, Map<String, List<Double>> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (String key : keys) {
            for (double value : values.get(key)) {
                if (Double.isFinite(value)) {
                    if (value <= 0) {
                        return false;
                    }
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        return max / min > LOG_SCALE_RATIO;
    }

    /** (epoch counted from 1, value) for each finite value: NaN and infinite values (a diverged run) are left out. */
    private static List<double[]> finitePoints(List<Double> series, List<Integer> epochs, boolean logarithmic) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < series.size() && i < epochs.size(); i++) {
            double value = series.get(i);
            if (Double.isFinite(value) && (!logarithmic || value > 0)) {
                points.add(new double[] {epochs.get(i) + 1, value});
            }
        }
        return points;
    }
}
