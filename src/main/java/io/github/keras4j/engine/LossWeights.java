package io.github.keras4j.engine;

import io.github.keras4j.Fit;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code sample_weight} and {@code class_weight}, as one weight per sample (Keras turns class weights
 * into sample weights the same way), given to the loss as an extra label column that
 * {@link io.github.keras4j.losses.dl4j.SampleWeightedLoss} reads.
 */
final class LossWeights {

    /** No weights: the labels go to DL4J as they are. */
    static final LossWeights NONE = new LossWeights(false, null, 0, null);

    private final boolean weighted;
    private final Map<Integer, Double> classWeight;
    private final int labelColumns;
    private final DataType dataType;

    /**
     * @param weighted whether the network's loss reads a weight column (then every batch gets one, of ones when
     *     the batch has no sample weights and no class weights apply)
     * @param classWeight class weights, or null
     */
    LossWeights(boolean weighted, Map<Integer, Double> classWeight, int labelColumns, DataType dataType) {
        this.weighted = weighted;
        this.classWeight = classWeight;
        this.labelColumns = labelColumns;
        this.dataType = dataType;
    }

    /** Whether a fit with these options needs weighted losses. */
    static boolean needed(Fit fit) {
        return fit.sampleWeight() != null || fit.classWeight() != null;
    }

    /** The labels DL4J gets: the batch's, plus the weight column when weights apply. */
    INDArray labels(Batch batch) {
        INDArray weights = column(batch);
        return weights == null ? batch.labels() : Nd4j.hstack(batch.labels(), weights);
    }

    /** Whether batches get weights. */
    boolean weighted() {
        return weighted;
    }

    /** The batch's weights as a column, [rows, 1], or null when the loss is not weighted. */
    private INDArray column(Batch batch) {
        double[] mask = rowWeights(batch);
        return mask == null ? null : Nd4j.createFromArray(mask).reshape(mask.length, 1).castTo(dataType);
    }

    /** Each sample's weight (sample weight times class weight), or null when the loss is not weighted. */
    double[] rowWeights(Batch batch) {
        if (!weighted) {
            return null;
        }
        double[] sampleWeights = batch.sampleWeights();
        int rows = batch.rows();
        double[] mask = new double[rows];
        for (int row = 0; row < rows; row++) {
            double weight = sampleWeights == null ? 1.0 : sampleWeights[row];
            if (classWeight != null) {
                weight *= classWeight(batch.labelValues(), row);
            }
            mask[row] = weight;
        }
        return mask;
    }

    /** Keras's rule: the argmax of a one-hot row, else the label truncated to an integer. */
    private double classWeight(double[] labels, int row) {
        int label;
        if (labelColumns > 1) {
            label = 0;
            for (int column = 1; column < labelColumns; column++) {
                if (labels[row * labelColumns + column] > labels[row * labelColumns + label]) {
                    label = column;
                }
            }
        } else {
            label = (int) labels[row];
        }
        Double weight = classWeight.get(label);
        if (weight == null) {
            throw new IllegalArgumentException("a label of class " + label + " has no class_weight; class_weight has "
                    + "the classes 0.." + (classWeight.size() - 1));
        }
        return weight;
    }
}
