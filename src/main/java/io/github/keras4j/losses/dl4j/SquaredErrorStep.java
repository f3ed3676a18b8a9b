package io.github.keras4j.losses.dl4j;

import io.github.keras4j.engine.step.ActivationKernels.ActivationKernel;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LossSetup;
import io.github.keras4j.engine.step.LossStep;
import io.github.keras4j.engine.step.Reductions;
import io.github.keras4j.engine.step.ScoreKernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.RSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;

/**
 * The compiled form of DL4J's {@code LossL2} (keras4j's {@code sum_squared_error}) and {@code LossMSE}
 * ({@code mean_squared_error}, the same divided by the number of outputs), in their order of operations.
 */
public final class SquaredErrorStep implements LossStep {

    private final boolean meanOverOutputs;

    /** @param meanOverOutputs true for {@code LossMSE}, false for {@code LossL2} */
    public SquaredErrorStep(boolean meanOverOutputs) {
        this.meanOverOutputs = meanOverOutputs;
    }

    @Override
    public Kernel gradient(LossSetup setup) {
        // dLda = 2 (f(z) - y); dL/dz through the activation, then / outputs for MSE.
        ActivationKernel activation = setup.activationKernel();
        INDArray output = setup.likePreOutput();
        INDArray gradient = setup.gradient();
        return Kernel.sequence(
                activation.forward(setup.preOutput(), output, setup.buffers()),
                Kernels.of(new SubOp(output, setup.labels(), output)),
                Kernels.of(new ScalarMultiplication(output, null, output, 2)),
                activation.backward(setup.preOutput(), output, gradient, setup.buffers()),
                meanOverOutputs ? Kernels.of(new ScalarDivision(gradient, null, gradient, setup.outputs()))
                        : Kernel.NONE);
    }

    @Override
    public ScoreKernel score(LossSetup setup) {
        INDArray squares = squares(setup);
        INDArray sum = setup.buffers().scalar(0);
        Kernel kernel = Kernel.sequence(squareKernel(setup, squares), Reductions.sumAll(squares, sum));
        double outputs = setup.outputs();
        return () -> {
            kernel.run();
            double score = sum.getDouble(0);
            return meanOverOutputs ? score / outputs : score;
        };
    }

    @Override
    public Kernel scoreArray(LossSetup setup, INDArray scores) {
        INDArray squares = squares(setup);
        return Kernel.sequence(squareKernel(setup, squares), Reductions.sum(squares, 1, scores),
                meanOverOutputs ? Kernels.of(new ScalarDivision(scores, null, scores, setup.outputs()))
                        : Kernel.NONE);
    }

    private static INDArray squares(LossSetup setup) {
        return setup.likePreOutput();
    }

    /** {@code (y - f(z))^2} elementwise into {@code squares}. */
    private static Kernel squareKernel(LossSetup setup, INDArray squares) {
        return Kernel.sequence(
                setup.activationKernel().forward(setup.preOutput(), squares, setup.buffers()),
                Kernels.of(new RSubOp(squares, setup.labels(), squares)),
                Kernels.of(new MulOp(squares, squares, squares)));
    }
}
