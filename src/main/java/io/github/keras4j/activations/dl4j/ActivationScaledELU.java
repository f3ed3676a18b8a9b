package io.github.keras4j.activations.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code ELU(alpha)} layer: {@code x} for {@code x > 0}, {@code alpha * (exp(x) - 1)} otherwise. ND4J's
 * {@code ActivationELU} computes this forward but its backprop calls {@code elu_bp} without alpha, so its gradient
 * for negative inputs is {@code exp(x)} whatever alpha is; this one passes alpha to both ops.
 */
public class ActivationScaledELU extends BaseActivationFunction {

    private final double alpha;

    public ActivationScaledELU(@JsonProperty("alpha") double alpha) {
        this.alpha = alpha;
    }

    public double getAlpha() {
        return alpha;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Nd4j.exec(new ELU(in, in, alpha))[0];
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().execAndReturn(new EluBp(in, epsilon, in, alpha));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationScaledELU elu && Double.compare(elu.alpha, alpha) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "elu(alpha=" + alpha + ")";
    }
}
