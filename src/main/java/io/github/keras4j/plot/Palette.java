package io.github.keras4j.plot;

import java.awt.Color;

/** The colours every plot uses, so that a class or a quantity has the same colour in every picture. */
final class Palette {

    /** matplotlib's "tab10" cycle: distinct, colour-blind-aware, and what a Keras user's plots look like. */
    private static final Color[] CYCLE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    /** The edge of data points and the decision boundary. */
    static final Color DARK = new Color(0x20, 0x20, 0x20);

    private Palette() {
    }

    /** The colour of class or series {@code index}; the cycle repeats after ten. */
    static Color color(int index) {
        return CYCLE[Math.floorMod(index, CYCLE.length)];
    }

    /** {@code from} moved towards {@code to} by {@code t} in [0, 1]. */
    static Color blend(Color from, Color to, double t) {
        double s = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * s),
                (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * s),
                (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * s));
    }
}
