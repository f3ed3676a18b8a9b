package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.ScoreKernel;
import io.github.keras4j.engine.step.Kernel;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code hinge}: {@code mean(max(1 - y_true * y_pred, 0), axis=-1)}, where labels that are all 0 or 1
 * (checked over the whole batch, as Keras's {@code _maybe_convert_labels} does) are first mapped to -1 and 1.
 * The gradient is {@code -y} where {@code 1 - y_true * y_pred >= 0} (TensorFlow's maximum passes it at the
 * kink). DL4J's {@code LossHinge} sums over outputs and uses the labels as given.
 */
public class KerasHinge extends MeanOverOutputsLoss {

    private static final long serialVersionUID = 1L;

    @Override
    protected INDArray elementLosses(INDArray labels, INDArray preOutput, IActivation activationFn) {
        return Transforms.relu(margins(signedLabels(labels), preOutput, activationFn), false);
    }

    @Override
    protected INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray signed = signedLabels(labels);
        // y p - 1 <= 0 where the hinge is active; its value becomes -1/n there (still <= 0), then 0 elsewhere.
        INDArray slope = activate(preOutput, activationFn).muli(signed).subi(1.0);
        BooleanIndexing.replaceWhere(slope, -1.0 / outputs(preOutput), Conditions.lessThanOrEqual(0.0));
        BooleanIndexing.replaceWhere(slope, 0.0, Conditions.greaterThan(0.0));
        return backprop(preOutput, slope.muli(signed), activationFn);
    }

    /** {@code 1 - y * p} as a fresh array. */
    static INDArray margins(INDArray signedLabels, INDArray preOutput, IActivation activationFn) {
        return activate(preOutput, activationFn).muli(signedLabels).rsubi(1.0);
    }

    /**
     * Keras's {@code _maybe_convert_labels}: {@code 2 y - 1} when every label is 0 or 1, else the labels as they
     * are. {@code y (1 - y)} is exactly 0 for 0 and 1 only.
     */
    static INDArray signedLabels(INDArray labels) {
        boolean binary = labels.rsub(1.0).muli(labels).norm1Number().doubleValue() == 0.0;
        return binary ? labels.mul(2.0).subi(1.0) : labels;
    }

    // Compiled forms, op for op.

    @Override
    protected INDArray compiledElementLosses(KernelList kernels, LossSetup setup) {
        INDArray margins = margins(kernels, setup, signedLabels(kernels, setup.labels()));
        kernels.relu(margins, margins);
        return margins;
    }

    @Override
    protected void compiledGradient(KernelList kernels, LossSetup setup, INDArray gradient) {
        INDArray signed = signedLabels(kernels, setup.labels());
        INDArray slope = activated(kernels, setup);
        kernels.mul(slope, signed, slope).sub(slope, 1.0, slope)
                .op(new CompareAndSet(slope, -1.0 / setup.outputs(), Conditions.lessThanOrEqual(0.0)))
                .op(new CompareAndSet(slope, 0.0, Conditions.greaterThan(0.0)))
                .mul(slope, signed, slope);
        backprop(kernels, setup, slope, gradient);
    }

    /** {@link #margins}'s compiled form, into a new array. */
    static INDArray margins(KernelList kernels, LossSetup setup, INDArray signedLabels) {
        INDArray margins = activated(kernels, setup);
        kernels.mul(margins, signedLabels, margins).rsub(margins, 1.0, margins);
        return margins;
    }

    /**
     * {@link #signedLabels}'s compiled form: a new array holding {@code 2 y - 1} when the batch's labels are all 0 or
     * 1, else the labels, decided anew for each batch as the INDArray form does.
     */
    static INDArray signedLabels(KernelList kernels, INDArray labels) {
        INDArray signed = kernels.like(labels);
        INDArray products = kernels.like(labels);
        INDArray norm = kernels.scalar(labels);
        Kernel test = new KernelList(null).rsub(labels, 1.0, products).mul(products, labels, products)
                .norm1All(products, norm).build();
        Kernel binary = new KernelList(null).mul(labels, 2.0, signed).sub(signed, 1.0, signed).build();
        Kernel asTheyAre = new KernelList(null).copy(labels, signed).build();
        kernels.add(() -> {
            test.run();
            (norm.getDouble(0) == 0.0 ? binary : asTheyAre).run();
        });
        return signed;
    }
}
