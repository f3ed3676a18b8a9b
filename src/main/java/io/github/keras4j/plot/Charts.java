package io.github.keras4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The look shared by every chart, and the assembly of several charts into one picture. */
final class Charts {

    private Charts() {
    }

    /** A line chart with our style: white background, light grid, legend inside the top-right corner. */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0x80, 0x80, 0x80));
        styler.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0xc0, 0xc0, 0xc0));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setAntiAlias(true);
        styler.setLocale(java.util.Locale.ROOT);
        return chart;
    }

    /** Charts laid out in a grid of {@code columns}, each cell {@code width / columns} wide. */
    static BufferedImage grid(List<XYChart> charts, int columns, int width, int height) {
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < charts.size(); i++) {
                int column = i % columns;
                int row = i / columns;
                int x = column * width / columns;
                int y = row * height / rows;
                int cellWidth = (column + 1) * width / columns - x;
                int cellHeight = (row + 1) * height / rows - y;
                Graphics2D cell = (Graphics2D) g.create(x, y, cellWidth, cellHeight);
                try {
                    charts.get(i).paint(cell, cellWidth, cellHeight);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static void requireSize(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("a picture must be at least 100 x 100 pixels, received: width="
                    + width + ", height=" + height);
        }
    }
}
