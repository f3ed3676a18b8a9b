package io.github.keras4j.activations.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code gelu} with its default {@code approximate=False}: {@code 0.5 x (1 + erf(x / sqrt 2))}.
 * DL4J's ActivationGELU computes approximations only (sigmoid(1.702 x) and a tanh form), 1e-2 away from it.
 */
public class ActivationExactGELU extends BaseActivationFunction {

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray cdf = normalCdf(in);
        return in.muli(cdf);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx [x Phi(x)] = Phi(x) + x phi(x), with phi the standard normal density.
        INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray derivative = normalCdf(in).addi(density.muli(in));
        return new Pair<>(in.assign(derivative.muli(epsilon)), null);
    }

    private static INDArray normalCdf(INDArray x) {
        INDArray scaled = x.mul(INV_SQRT_2);
        Nd4j.exec(new Erf(scaled, scaled));
        return scaled.addi(1.0).muli(0.5);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationExactGELU;
    }

    @Override
    public int hashCode() {
        return ActivationExactGELU.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu";
    }
}
