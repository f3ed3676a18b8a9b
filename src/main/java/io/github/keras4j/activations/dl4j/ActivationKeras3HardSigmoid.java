package io.github.keras4j.activations.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.HardSigmoidBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.HardSigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code hard_sigmoid}, {@code relu6(x + 3) / 6}, that is {@code clip(x / 6 + 1/2, 0, 1)}: Keras 1 and 2
 * (and DL4J's {@code ActivationHardSigmoid}) use {@code clip(0.2 x + 0.5, 0, 1)}. Computed as ND4J's hard sigmoid of
 * {@code 5x / 6} (the same function), so that the engine's compiled step runs the same operations; its gradient is
 * 1/6 where {@code -3 < x < 3}, else 0, as TensorFlow's relu6 gradient.
 */
public class ActivationKeras3HardSigmoid extends BaseActivationFunction {

    /** Keras 3's slope 1/6 over ND4J's 0.2. */
    public static final double SCALE = 5.0 / 6.0;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        in.muli(SCALE);
        Nd4j.exec(new HardSigmoid(in, in));
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray scaled = in.mul(SCALE);
        INDArray gradient = in.ulike();
        Nd4j.exec(new HardSigmoidBp(scaled, epsilon, gradient));
        return new Pair<>(gradient.muli(SCALE), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationKeras3HardSigmoid;
    }

    @Override
    public int hashCode() {
        return ActivationKeras3HardSigmoid.class.hashCode();
    }

    @Override
    public String toString() {
        return "keras3_hard_sigmoid";
    }
}
