package io.github.keras4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import org.knowm.xchart.style.markers.Marker;

/** A filled circle with a dark edge, so that data points stay visible on a coloured background. */
final class EdgedCircle extends Marker {

    private static final BasicStroke EDGE = new BasicStroke(1.2f);

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        // XChart sets the series colour on g before calling a marker; the edge is drawn on top of the fill.
        double half = markerSize / 2.0;
        Ellipse2D circle = new Ellipse2D.Double(xOffset - half, yOffset - half, markerSize, markerSize);
        g.fill(circle);
        Color fill = g.getColor();
        java.awt.Stroke stroke = g.getStroke();
        g.setColor(Palette.DARK);
        g.setStroke(EDGE);
        g.draw(circle);
        g.setColor(fill);
        g.setStroke(stroke);
    }
}
