package io.github.keras4j.activations.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's {@code exponential} activation, {@code exp(x)}, which DL4J does not have. */
public class ActivationExponential extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.exp(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d exp(x)/dx = exp(x): the gradient is epsilon * exp(x), computed into `in` as DL4J's activations do.
        INDArray gradient = Transforms.exp(in, false).muli(epsilon);
        return new Pair<>(gradient, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationExponential;
    }

    @Override
    public int hashCode() {
        return ActivationExponential.class.hashCode();
    }

    @Override
    public String toString() {
        return "exponential";
    }
}
