package io.github.keras4j.plot;

import io.github.keras4j.plot.RepresentationRecorder.Snapshot;
import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Every weight and bias over the recorded epochs: one line per value, one panel per layer that has weights. */
final class ParameterPlot {

    /** Beyond this many lines a legend would cover the panel; the lines are still drawn. */
    static final int LEGEND_UP_TO = 12;

    private static final int MARKERS_UP_TO_SNAPSHOTS = 30;

    private ParameterPlot() {
    }

    static BufferedImage render(RepresentationRecorder recorder) {
        List<Snapshot> snapshots = recorder.snapshots();
        double[] epochs = snapshots.stream().mapToDouble(Snapshot::epoch).toArray();
        List<XYChart> charts = new ArrayList<>();
        int layers = snapshots.get(0).parameters().size();
        for (int layer = 0; layer < layers; layer++) {
            List<String> names = recorder.parameterNames(layer);
            if (names.isEmpty()) {
                continue;
            }
            XYChart chart = Charts.xy(400, 300, recorder.layerTitles().get(layer), "epoch", "value");
            chart.getStyler().setLegendVisible(names.size() <= LEGEND_UP_TO);
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            for (int p = 0; p < names.size(); p++) {
                double[] values = new double[snapshots.size()];
                for (int s = 0; s < snapshots.size(); s++) {
                    values[s] = snapshots.get(s).parameters().get(layer)[p];
                }
                XYSeries series = chart.addSeries(names.get(p), epochs, values);
                series.setLineColor(Palette.color(p));
                series.setMarkerColor(Palette.color(p));
                series.setLineStyle(new BasicStroke(names.size() > 50 ? 1f : 2f));
                series.setMarker(snapshots.size() <= MARKERS_UP_TO_SNAPSHOTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            charts.add(chart);
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("the model has no layer with weights; there are no parameters to plot");
        }
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        return Charts.grid(charts, columns, 560 * columns, 380 * rows);
    }
}
