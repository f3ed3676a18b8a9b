package io.github.keras4j.engine;

import io.github.keras4j.internal.ArrayInput;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks data against the model before DL4J sees it, so that a mistake is reported in the model's terms
 * (its layers, units and loss) instead of as a DL4J shape error deep inside a training step.
 */
final class DataCheck {

    private final long[] inputShape;
    private final long outputUnits;
    private final String firstLayer;
    private final String lastLayer;
    private final String lossName;
    private final boolean sparseLabels;
    private final DataType dataType;

    DataCheck(long[] inputShape, String firstLayer, long outputUnits, String lastLayer, String lossName,
            boolean sparseLabels, DataType dataType) {
        this.inputShape = inputShape.clone();
        this.outputUnits = outputUnits;
        this.firstLayer = firstLayer;
        this.lastLayer = lastLayer;
        this.lossName = lossName;
        this.sparseLabels = sparseLabels;
        this.dataType = dataType;
    }

    /** The number of label columns the loss expects. */
    int labelColumns() {
        return sparseLabels ? 1 : (int) outputUnits;
    }

    /** Features as the network's type, after checking their shape and values. */
    INDArray features(String what, INDArray x) {
        if (inputShape.length != 1) {
            return ArrayInput.checkedSamples(what, x, inputShape, dataType, firstLayer);
        }
        INDArray checked = ArrayInput.checkedMatrix(what, x, dataType);
        if (checked.columns() != inputShape[0]) {
            throw new IllegalArgumentException(what + " has " + checked.columns() + " columns but the model takes "
                    + inputShape[0] + " input features (the input size of layer '" + firstLayer + "')");
        }
        return checked;
    }

    /** Labels as the network's type, after checking them against the features, the last layer and the loss. */
    INDArray labels(String what, INDArray y, String featuresWhat, INDArray x) {
        INDArray checked = ArrayInput.checkedMatrix(what, y, dataType);
        if (checked.rows() != x.size(0)) {
            throw new IllegalArgumentException(featuresWhat + " has " + x.size(0) + " rows but " + what + " has "
                    + checked.rows() + ": every sample needs exactly one label row");
        }
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

    private void checkClassIndices(String what, INDArray labels) {
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
