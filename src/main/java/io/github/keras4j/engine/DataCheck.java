package io.github.keras4j.engine;

import io.github.keras4j.Shape;
import io.github.keras4j.internal.ArrayInput;
import io.github.keras4j.layers.Layer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks data against the model before DL4J sees it, so that a mistake is reported in the model's terms
 * (its layers, units and loss) instead of as a DL4J shape error deep inside a training step. Samples may be
 * features, sequences {@code [samples, timesteps, features]} or images; a model whose output is a sequence takes labels
 * {@code [samples, timesteps, units]} (class indices {@code [samples, timesteps]} for a sparse loss).
 */
final class DataCheck {

    private final Shape inputShape;
    private final Shape outputShape;
    private final Layer first;
    private final String lastLayer;
    private final String lossName;
    private final boolean sparseLabels;
    private final DataType dataType;

    DataCheck(Shape inputShape, Layer first, Shape outputShape, String lastLayer, String lossName,
            boolean sparseLabels, DataType dataType) {
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.first = first;
        this.lastLayer = lastLayer;
        this.lossName = lossName;
        this.sparseLabels = sparseLabels;
        this.dataType = dataType;
    }

    /** The number of label columns the loss expects (per timestep, for a sequence output). */
    int labelColumns() {
        return sparseLabels ? 1 : (int) outputShape.last();
    }

    /** Features as the network's type, after checking their shape and values (and, for the first layer, more). */
    INDArray features(String what, INDArray x) {
        INDArray checked;
        if (!inputShape.isFeatures()) {
            checked = ArrayInput.checkedSamples(what, x, inputShape, dataType, first.name());
        } else {
            checked = ArrayInput.checkedMatrix(what, x, dataType);
            if (inputShape.isKnown(0) && checked.columns() != inputShape.last()) {
                throw new IllegalArgumentException(what + " has " + checked.columns() + " columns but the model takes "
                        + inputShape.last() + " input features (the input size of layer '" + first.name() + "')");
            }
        }
        first.checkInput(what, checked);
        return checked;
    }

    /**
     * The timestep mask of these (checked) features, {@code [samples, timesteps]}, when the model's first layer masks
     * padded timesteps (Keras's {@code compute_mask}); else null.
     */
    INDArray mask(INDArray features) {
        return first.computeMask(features);
    }

    /** The label values in row-major order, each sample's (each timestep's) columns together. */
    static double[] labelValues(INDArray labels) {
        return labels.rank() == 2 ? ArrayInput.rowMajor(labels) : labels.dup('c').data().asDouble();
    }

    /** Labels as the network's type, after checking them against the features, the last layer and the loss. */
    INDArray labels(String what, INDArray y, String featuresWhat, INDArray x) {
        if (outputShape.isSequence()) {
            return sequenceLabels(what, y, featuresWhat, x);
        }
        INDArray checked = ArrayInput.checkedMatrix(what, y, dataType);
        if (checked.rows() != x.size(0)) {
            throw new IllegalArgumentException(featuresWhat + " has " + x.size(0) + " rows but " + what + " has "
                    + checked.rows() + ": every sample needs exactly one label row");
        }
        long outputUnits = outputShape.last();
        if (sparseLabels) {
            checkClassIndices(what, checked);
        } else if (checked.columns() != outputUnits) {
            throw new IllegalArgumentException(what + " has " + checked.columns() + " columns but the last layer '"
                    + lastLayer + "' has " + outputUnits + " units: " + lossName + " needs one label column per unit"
                    + (checked.columns() == 1 && outputUnits > 1
                            ? " (for integer class labels, use loss sparse_categorical_crossentropy)" : ""));
        }
        return checked;
    }

    /** Labels of a sequence output, {@code [samples, timesteps, label columns]}, each timestep labelled. */
    private INDArray sequenceLabels(String what, INDArray y, String featuresWhat, INDArray x) {
        INDArray checked = ArrayInput.checkedArray(what, y, dataType);
        long samples = x.size(0);
        // The model's layers keep the number of timesteps, so the output has as many as the input.
        long steps = outputShape.isKnown(0) ? outputShape.size(0) : x.size(1);
        int columns = labelColumns();
        if (sparseLabels && checked.rank() == 2) {
            checked = checked.reshape('c', checked.size(0), checked.size(1), 1);
        }
        long[] expected = {samples, steps, columns};
        if (!Arrays.equals(checked.shape(), expected)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(checked.shape()) + " but the "
                    + "last layer '" + lastLayer + "' outputs sequences of " + steps + " timesteps of "
                    + outputShape.last() + " units for the " + samples + " samples of " + featuresWhat + ": " + lossName
                    + " needs labels of shape " + Arrays.toString(expected)
                    + (sparseLabels ? " (or " + Arrays.toString(new long[] {samples, steps}) + ") of class indices" : ""));
        }
        if (sparseLabels) {
            checkClassIndices(what, checked.reshape('c', samples * steps, 1));
        }
        return checked;
    }

    private void checkClassIndices(String what, INDArray labels) {
        long outputUnits = outputShape.last();
        if (labels.columns() != 1) {
            throw new IllegalArgumentException(lossName + " needs " + what + " as one column of class indices in [0, "
                    + outputUnits + "), but it has " + labels.columns() + " columns (for one-hot labels, use loss "
                    + "categorical_crossentropy)");
        }
        double[] values = ArrayInput.rowMajor(labels);
        for (int row = 0; row < values.length; row++) {
            double value = values[row];
            if (value != Math.rint(value) || value < 0 || value >= outputUnits) {
                throw new IllegalArgumentException(what + " row " + row + " is " + value + ", not a class index in [0, "
                        + outputUnits + ") for the " + outputUnits + " units of layer '" + lastLayer + "'");
            }
        }
    }
}
