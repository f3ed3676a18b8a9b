package io.github.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcaTest {

    /** (+-3, 0, 0) and (0, +-1, 0): sample variances 6 and 2/3 along x and y, none along z. */
    private static final double[][] CROSS = {{3, 0, 0}, {-3, 0, 0}, {0, 1, 0}, {0, -1, 0}};

    @Test
    void explainedVarianceIsEachAxisShareOfTheTotal() {
        Pca pca = Pca.of(CROSS, 2, null);
        assertArrayEquals(new double[] {0.9, 0.1}, pca.explained(), 1e-12);
    }

    @Test
    void pointsAreProjectedOnThePrincipalAxes() {
        Pca pca = Pca.of(CROSS, 2, null);
        assertEquals(1, Math.abs(pca.axes()[0][0]), 1e-12);
        assertEquals(1, Math.abs(pca.axes()[1][1]), 1e-12);
        for (int i = 0; i < CROSS.length; i++) {
            assertEquals(Math.abs(CROSS[i][0]), Math.abs(pca.projected()[i][0]), 1e-12);
            assertEquals(Math.abs(CROSS[i][1]), Math.abs(pca.projected()[i][1]), 1e-12);
        }
    }

    @Test
    void axesFollowThePreviousSigns() {
        double[][] previous = {{-1, 0, 0}, {0, -1, 0}};
        Pca pca = Pca.of(CROSS, 2, previous);
        assertEquals(-1, pca.axes()[0][0], 1e-12);
        assertEquals(-1, pca.axes()[1][1], 1e-12);
        assertEquals(-3, pca.projected()[0][0], 1e-12);
    }

    @Test
    void pointsAreCentredFirst() {
        double[][] shifted = new double[CROSS.length][];
        for (int i = 0; i < CROSS.length; i++) {
            shifted[i] = new double[] {CROSS[i][0] + 10, CROSS[i][1] - 5, CROSS[i][2] + 1};
        }
        Pca pca = Pca.of(shifted, 2, null);
        assertArrayEquals(new double[] {0.9, 0.1}, pca.explained(), 1e-12);
        assertEquals(3, Math.abs(pca.projected()[0][0]), 1e-12);
    }
}
