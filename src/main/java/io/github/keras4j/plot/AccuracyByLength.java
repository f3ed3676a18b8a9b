package io.github.keras4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A sequence model's accuracy per sequence length: one point per length, joined, with the longest length it was
 * trained on marked, so that how far it generalises beyond its training lengths shows at a glance.
 */
final class AccuracyByLength {

    private AccuracyByLength() {
    }

    static BufferedImage render(Map<Integer, Double> accuracies, int trainedUpTo, int width, int height) {
        if (accuracies.isEmpty()) {
            throw new IllegalArgumentException("no accuracies to plot: give at least one length");
        }
        XYChart chart = Charts.xy(width, height, "accuracy by sequence length", "sequence length", "accuracy");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        double[] lengths = accuracies.keySet().stream().sorted().mapToDouble(Integer::doubleValue).toArray();
        double[] values = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            values[i] = accuracies.get((int) lengths[i]);
        }
        chart.getStyler().setXAxisMax(lengths[lengths.length - 1] * 1.05);
        XYSeries series = chart.addSeries("held-back strings", lengths, values);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(Palette.color(0));
        series.setMarkerColor(Palette.color(0));
        series.setLineStyle(new BasicStroke(2f));
        XYSeries trained = chart.addSeries("longest training length (" + trainedUpTo + ")",
                new double[] {trainedUpTo, trainedUpTo}, new double[] {0, 1.05});
        trained.setMarker(SeriesMarkers.NONE);
        trained.setLineColor(Color.GRAY);
        trained.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        return Charts.grid(java.util.List.of(chart), 1, width, height);
    }
}
