package io.github.keras4j.plot;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Principal component analysis of a few points, exactly: the eigen-decomposition of their sample covariance
 * (commons-math3's {@link EigenDecomposition}, on the classpath through DL4J). Used to show a hidden layer of
 * more than two units in the plane.
 *
 * @param projected each point's coordinates on the first {@code components} principal axes
 * @param explained the share of the total variance along each of those axes
 * @param axes the principal axes, one unit vector per row
 */
record Pca(double[][] projected, double[] explained, double[][] axes) {

    /**
     * The first {@code components} principal components of {@code points} (one row per point). When
     * {@code previousAxes} is given, each axis is turned to point the way the previous one did: an eigenvector's
     * sign is arbitrary, and unaligned signs would make an animation flip from frame to frame.
     */
    static Pca of(double[][] points, int components, double[][] previousAxes) {
        int dimensions = points[0].length;
        if (points.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 points, received " + points.length);
        }
        if (components < 1 || components > dimensions) {
            throw new IllegalArgumentException("cannot take " + components + " components of " + dimensions
                    + "-dimensional points");
        }
        RealMatrix data = new Array2DRowRealMatrix(points);
        RealMatrix covariance = new Covariance(data).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double total = 0;
        for (double value : values) {
            total += Math.max(0, value); // rounding can leave the zero eigenvalues of a flat cloud slightly negative
        }

        double[] means = new double[dimensions];
        for (double[] point : points) {
            for (int d = 0; d < dimensions; d++) {
                means[d] += point[d] / points.length;
            }
        }
        RealMatrix centred = new Array2DRowRealMatrix(points.length, dimensions);
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dimensions; d++) {
                centred.setEntry(i, d, points[i][d] - means[d]);
            }
        }

        double[] explained = new double[components];
        double[][] axes = new double[components][];
        RealMatrix basis = new Array2DRowRealMatrix(dimensions, components);
        for (int k = 0; k < components; k++) {
            RealVector axis = eigen.getEigenvector(order[k]);
            if (previousAxes != null && k < previousAxes.length && previousAxes[k].length == dimensions
                    && axis.dotProduct(new org.apache.commons.math3.linear.ArrayRealVector(previousAxes[k])) < 0) {
                axis = axis.mapMultiply(-1);
            }
            axes[k] = axis.toArray();
            basis.setColumnVector(k, axis);
            explained[k] = total > 0 ? Math.max(0, values[order[k]]) / total : 0;
        }
        return new Pca(centred.multiply(basis).getData(), explained, axes);
    }
}
