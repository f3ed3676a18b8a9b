package io.github.keras4j.losses.dl4j;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code sample_weight} for any loss: the labels carry one extra, last column holding each sample's weight,
 * which multiplies that sample's loss and gradient. DL4J's own per-example mask cannot do this for weights other
 * than 0 and 1, because DL4J's layers also multiply their outputs by the mask; a labels column reaches the loss
 * function alone. DL4J then divides by the batch size, as Keras's default reduction does.
 */
public final class SampleWeightedLoss implements ILossFunction {

    private final ILossFunction loss;

    /** Weights {@code loss} by the last label column. */
    @JsonCreator
    public SampleWeightedLoss(@JsonProperty("loss") ILossFunction loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The loss that is weighted. */
    @JsonProperty("loss")
    public ILossFunction loss() {
        return loss;
    }

    private static INDArray labelsOf(INDArray labelsAndWeights) {
        return labelsAndWeights.get(NDArrayIndex.all(), NDArrayIndex.interval(0, labelsAndWeights.columns() - 1)).dup();
    }

    private static INDArray weightsOf(INDArray labelsAndWeights) {
        return labelsAndWeights.getColumn(labelsAndWeights.columns() - 1, true);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = loss.computeScoreArray(labelsOf(labels), preOutput, activationFn, mask);
        return scores.muliColumnVector(weightsOf(labels).castTo(scores.dataType()));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double score = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? score / labels.rows() : score;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = loss.computeGradient(labelsOf(labels), preOutput, activationFn, mask);
        return gradient.muliColumnVector(weightsOf(labels).castTo(gradient.dataType()));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        // The score first: some losses reuse preOutput's memory while computing the gradient.
        double score = computeScore(labels, preOutput, activationFn, mask, average);
        return new Pair<>(score, computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleWeightedLoss that && loss.equals(that.loss);
    }

    @Override
    public int hashCode() {
        return 31 * loss.hashCode() + 7;
    }

    @Override
    public String toString() {
        return "SampleWeightedLoss(" + loss + ")";
    }
}
