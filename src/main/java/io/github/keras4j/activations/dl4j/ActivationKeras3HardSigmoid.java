package io.github.keras4j.activations.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code hard_sigmoid}, {@code relu6(x + 3) / 6}, that is {@code clip(x / 6 + 1/2, 0, 1)}: Keras 1 and 2
 * (and DL4J's {@code ActivationHardSigmoid}) use {@code clip(0.2 x + 0.5, 0, 1)}. Its gradient is 1/6 where
 * {@code -3 < x < 3}, else 0, as TensorFlow's relu6 gradient.
 */
public class ActivationKeras3HardSigmoid extends BaseActivationFunction {

    private static final double SLOPE = 1.0 / 6.0;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        in.muli(SLOPE).addi(0.5);
        ClipByValue clip = new ClipByValue(in, 0.0, 1.0);
        clip.addOutputArgument(in);
        Nd4j.exec(clip);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(-3.0).castTo(in.dataType()).muli(in.lt(3.0).castTo(in.dataType()));
        return new Pair<>(inside.muli(SLOPE).muli(epsilon), null);
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
