package io.github.keras4j.engine;

import io.github.keras4j.Fit;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code sample_weight} and {@code class_weight}, as one weight per sample (Keras turns class weights
 * into sample weights the same way), given to the loss as an extra label column that
 * {@link io.github.keras4j.losses.dl4j.SampleWeightedLoss} reads. A sequence output has one label row per timestep;
 * with a timestep mask, padded timesteps weigh 0 and the others {@code rows / unmasked rows}, so that the loss
 * DL4J averages over all rows is Keras's mean over the timesteps that count.
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

    /** Whether a fit with these options, of a model whose output is masked or not, needs weighted losses. */
    static boolean needed(Fit fit, boolean maskedOutput) {
        return needed(fit) || maskedOutput;
    }

    /** The labels DL4J gets: the batch's label rows, plus the weight column when weights apply. */
    INDArray labels(Batch batch) {
        double[] weights = rowWeights(batch);
        return weights == null ? batch.labelRows() : Nd4j.hstack(batch.labelRows(),
                Nd4j.createFromArray(weights).reshape(weights.length, 1).castTo(dataType));
    }

    /** Whether batches get weights. */
    boolean weighted() {
        return weighted;
    }

    /** The weight of each label row (sample weight, class weight, timestep mask), or null when the loss is not weighted. */
    double[] rowWeights(Batch batch) {
        if (!weighted) {
            return null;
        }
        double[] sampleWeights = batch.sampleWeights();
        int perSample = batch.rowsPerSample();
        int rows = batch.rows() * perSample;
        double[] timestepMask = batch.labelRowMask();
        double counted = rows;
        if (timestepMask != null) {
            counted = 0;
            for (double step : timestepMask) {
                counted += step;
            }
        }
        // Keras divides the masked sum by the timesteps that count (none counting: a loss of 0, divide_no_nan).
        double maskScale = counted == 0 ? 0 : rows / counted;
        double[] weights = new double[rows];
        for (int row = 0; row < rows; row++) {
            double weight = sampleWeights == null ? 1.0 : sampleWeights[row / perSample];
            if (classWeight != null) {
                weight *= classWeight(batch.labelValues(), row);
            }
            if (timestepMask != null) {
                weight *= timestepMask[row] * maskScale;
            }
            weights[row] = weight;
        }
        return weights;
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
