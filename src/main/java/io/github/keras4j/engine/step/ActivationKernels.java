package io.github.keras4j.engine.step;

import io.github.keras4j.activations.dl4j.ActivationExactGELU;
import io.github.keras4j.activations.dl4j.ActivationExponential;
import io.github.keras4j.activations.dl4j.ActivationKeras3HardSigmoid;
import io.github.keras4j.activations.dl4j.ActivationScaledELU;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarGreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThan;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.HardSigmoidBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SeluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftSignBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.HardSigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftSign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SwishDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;

/**
 * The compiled form of each DL4J activation keras4j uses: its forward pass and DL4J's backprop, as kernels built
 * from the ND4J operations the activation class itself runs (so the numbers are DL4J's, bit for bit), writing into
 * arrays the caller allocated. One entry per activation class.
 */
public final class ActivationKernels {

    /** Where DL4J's {@code backprop} of an activation leaves dL/dz: its layout is the next operations' input. */
    public enum GradientPlace {
        /** In the pre-activation array it was given (most activations compute in place). */
        PRE_ACTIVATION,
        /** In a new array of the pre-activation's shape and ordering ({@code ulike()}). */
        NEW_ARRAY,
        /** It returns the incoming gradient itself (the identity). */
        INCOMING
    }

    /** An activation's two passes. */
    public interface ActivationKernel {

        /** Where DL4J's backprop puts its result, for a layer that must give the next operation DL4J's layout. */
        default GradientPlace gradientPlace() {
            return GradientPlace.PRE_ACTIVATION;
        }

        /**
         * Whether each value's result depends on that value alone (not softmax's), so that the passes may run on the
         * arrays in any layout, the same permutation of each, with the same numbers.
         */
        default boolean perValue() {
            return false;
        }

        /** {@code a = f(z)}; {@code a} may be {@code z}. */
        Kernel forward(INDArray z, INDArray a, Buffers buffers);

        /**
         * {@code dLdz = f'(z) * dLda} as the activation's DL4J {@code backprop} computes it, leaving {@code z} as
         * it is unless {@code dLdz} is {@code z} (allowed, as is {@code dLdz} being {@code dLda} for the identity).
         */
        Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers);
    }

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private static final Map<Class<? extends IActivation>, Function<IActivation, ActivationKernel>> KERNELS = Map.ofEntries(
            Map.entry(ActivationIdentity.class, activation -> identity()),
            Map.entry(ActivationSigmoid.class, activation -> elementwise(
                    (z, a) -> new Sigmoid(z, a), (z, e, d) -> new SigmoidDerivative(z, e, d))),
            Map.entry(ActivationTanH.class, activation -> elementwise(
                    (z, a) -> new Tanh(z, a), (z, e, d) -> new TanhDerivative(z, e, d))),
            Map.entry(ActivationSoftmax.class, activation -> oneOperationEachWay(
                    (z, a) -> new SoftMax(z, a), (z, e, d) -> new SoftmaxBp(z, e, d, -1), false)),
            // DL4J's ELU backprop leaves alpha at its default (keras4j's ScaledELU passes it).
            Map.entry(ActivationELU.class, activation -> elementwise(
                    (z, a) -> new ELU(z, a, ((ActivationELU) activation).getAlpha()),
                    (z, e, d) -> new EluBp(z, e, d))),
            Map.entry(ActivationScaledELU.class, activation -> elementwise(
                    (z, a) -> new ELU(z, a, ((ActivationScaledELU) activation).getAlpha()),
                    (z, e, d) -> new EluBp(z, e, d, ((ActivationScaledELU) activation).getAlpha()))),
            Map.entry(ActivationSELU.class, activation -> elementwise(
                    (z, a) -> new SELU(z, a), (z, e, d) -> new SeluBp(z, e, d))),
            Map.entry(ActivationSoftPlus.class, activation -> elementwise(
                    (z, a) -> new SoftPlus(z, a), (z, e, d) -> new SoftPlusBp(z, e, d))),
            Map.entry(ActivationSoftSign.class, activation -> elementwise(
                    (z, a) -> new SoftSign(z, a), (z, e, d) -> new SoftSignBp(z, e, d))),
            Map.entry(ActivationHardSigmoid.class, activation -> elementwise(
                    (z, a) -> new HardSigmoid(z, a), (z, e, d) -> new HardSigmoidBp(z, e, d))),
            Map.entry(ActivationLReLU.class, activation -> elementwise(
                    (z, a) -> new LeakyReLU(z, a, ((ActivationLReLU) activation).getAlpha()),
                    (z, e, d) -> new LeakyReLUBp(z, e, d, ((ActivationLReLU) activation).getAlpha()))),
            Map.entry(ActivationThresholdedReLU.class, activation -> thresholdedRelu(
                    ((ActivationThresholdedReLU) activation).getTheta())),
            Map.entry(ActivationSwish.class, activation -> swish()),
            Map.entry(ActivationReLU.class, activation -> relu((ActivationReLU) activation)),
            Map.entry(ActivationExactGELU.class, activation -> exactGelu()),
            Map.entry(ActivationExponential.class, activation -> exponential()),
            Map.entry(ActivationKeras3HardSigmoid.class, activation -> keras3HardSigmoid()));

    private ActivationKernels() {
    }

    /** Whether {@code activation} has a compiled form. */
    public static boolean supports(IActivation activation) {
        return KERNELS.containsKey(activation.getClass());
    }

    /**
     * The compiled form of {@code activation}.
     *
     * @throws UnsupportedOperationException for an activation without one
     */
    public static ActivationKernel of(IActivation activation) {
        Function<IActivation, ActivationKernel> kernel = KERNELS.get(activation.getClass());
        if (kernel == null) {
            throw new UnsupportedOperationException("activation " + activation + " has no compiled form");
        }
        return kernel.apply(activation);
    }

    @FunctionalInterface
    private interface Forward {
        Object op(INDArray z, INDArray a);
    }

    @FunctionalInterface
    private interface Backward {
        Object op(INDArray z, INDArray dLda, INDArray dLdz);
    }

    /** An activation of each value alone, computed by one operation each way. */
    private static ActivationKernel elementwise(Forward forward, Backward backward) {
        return oneOperationEachWay(forward, backward, true);
    }

    /** An activation of each value alone. */
    private abstract static class PerValueKernel implements ActivationKernel {
        @Override
        public final boolean perValue() {
            return true;
        }
    }

    /** An activation computed by one operation each way. */
    private static ActivationKernel oneOperationEachWay(Forward forward, Backward backward, boolean perValue) {
        return new ActivationKernel() {
            @Override
            public boolean perValue() {
                return perValue;
            }

            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                return Kernels.of(forward.op(z, a));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                return Kernels.of(backward.op(z, dLda, dLdz));
            }
        };
    }

    /** DL4J's identity returns its input and the incoming gradient themselves. */
    private static ActivationKernel identity() {
        return new PerValueKernel() {
            @Override
            public GradientPlace gradientPlace() {
                return GradientPlace.INCOMING;
            }

            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                return z == a ? Kernel.NONE : Kernels.copy(z, a);
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                return dLda == dLdz ? Kernel.NONE : Kernels.copy(dLda, dLdz);
            }
        };
    }

    private static ActivationKernel thresholdedRelu(double theta) {
        return elementwise(
                (z, a) -> DynamicCustomOp.builder("thresholdedrelu").addInputs(z).addOutputs(a)
                        .addFloatingPointArguments(theta).build(),
                (z, e, d) -> DynamicCustomOp.builder("thresholdedrelu_bp").addInputs(z, e).addOutputs(d)
                        .addFloatingPointArguments(theta).build());
    }

    /** DL4J's swish backprop: the derivative computed in place, then multiplied by the gradient. */
    private static ActivationKernel swish() {
        return new PerValueKernel() {
            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                return Kernels.of(new Swish(z, a));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                return Kernel.sequence(Kernels.of(new SwishDerivative(z, dLdz)),
                        Kernels.of(new MulOp(dLdz, dLda, dLdz)));
            }
        };
    }

    /** Keras 3's hard sigmoid as keras4j's {@code ActivationKeras3HardSigmoid} computes it: ND4J's of {@code 5x / 6}. */
    private static ActivationKernel keras3HardSigmoid() {
        double scale = ActivationKeras3HardSigmoid.SCALE;
        return new PerValueKernel() {
            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                return Kernel.sequence(Kernels.of(new ScalarMultiplication(z, null, a, scale)),
                        Kernels.of(new HardSigmoid(a, a)));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                INDArray scaled = buffers.array(z.ordering(), z.shape());
                return Kernel.sequence(Kernels.of(new ScalarMultiplication(z, null, scaled, scale)),
                        Kernels.of(new HardSigmoidBp(scaled, dLda, dLdz)),
                        Kernels.of(new ScalarMultiplication(dLdz, null, dLdz, scale)));
            }
        };
    }

    /** {@code exp(x)} and {@code exp(x) * dLda}, keras4j's {@code ActivationExponential}. */
    private static ActivationKernel exponential() {
        return new PerValueKernel() {
            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                return Kernels.of(new Exp(z, a));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                return Kernel.sequence(Kernels.of(new Exp(z, dLdz)), Kernels.of(new MulOp(dLdz, dLda, dLdz)));
            }
        };
    }

    /** keras4j's {@code ActivationExactGELU}, {@code x Phi(x)}, in its order of operations. */
    private static ActivationKernel exactGelu() {
        return new PerValueKernel() {
            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                INDArray cdf = buffers.array(z.ordering(), z.shape());
                return Kernel.sequence(normalCdf(z, cdf), Kernels.of(new MulOp(z, cdf, a)));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                // d/dx [x Phi(x)] = Phi(x) + x phi(x)
                INDArray density = buffers.array(z.ordering(), z.shape());
                INDArray derivative = buffers.array(z.ordering(), z.shape());
                return Kernel.sequence(
                        Kernels.of(new MulOp(z, z, density)),
                        Kernels.of(new ScalarMultiplication(density, null, density, -0.5)),
                        Kernels.of(new Exp(density, density)),
                        Kernels.of(new ScalarMultiplication(density, null, density, INV_SQRT_2PI)),
                        normalCdf(z, derivative),
                        Kernels.of(new MulOp(density, z, density)),
                        Kernels.of(new AddOp(derivative, density, derivative)),
                        Kernels.of(new MulOp(derivative, dLda, derivative)),
                        Kernels.copy(derivative, dLdz));
            }

            /** {@code 0.5 (1 + erf(x / sqrt(2)))} into {@code out}. */
            private Kernel normalCdf(INDArray x, INDArray out) {
                return Kernel.sequence(
                        Kernels.of(new ScalarMultiplication(x, null, out, INV_SQRT_2)),
                        Kernels.of(new Erf(out, out)),
                        Kernels.of(new ScalarAdd(out, null, out, 1.0)),
                        Kernels.of(new ScalarMultiplication(out, null, out, 0.5)));
            }
        };
    }

    /** DL4J's ReLU with its options: a plain ReLU, a leaky one, one with a threshold, and a cap. */
    private static ActivationKernel relu(ActivationReLU relu) {
        Double max = relu.getMax();
        Double threshold = relu.getThreshold();
        Double negativeSlope = relu.getNegativeSlope();
        double t = threshold == null ? 0.0 : threshold;
        double slope = negativeSlope == null ? 0.0 : negativeSlope;
        boolean plain = threshold == null && negativeSlope == null;
        return new PerValueKernel() {
            @Override
            public GradientPlace gradientPlace() {
                return plain || t == 0.0 ? GradientPlace.NEW_ARRAY : GradientPlace.PRE_ACTIVATION;
            }

            @Override
            public Kernel forward(INDArray z, INDArray a, Buffers buffers) {
                Kernel body;
                if (plain) {
                    body = Kernels.of(new RectifiedLinear(z, a, 0.0));
                } else if (t == 0.0) {
                    body = Kernels.of(new LeakyReLU(z, a, slope));
                } else {
                    // lower = (z < t) * slope * (z - t); upper = (z >= t) * z; a = lower + upper
                    INDArray lower = buffers.array(z.ordering(), z.shape());
                    INDArray upper = buffers.array(z.ordering(), z.shape());
                    INDArray shifted = buffers.array(z.ordering(), z.shape());
                    body = Kernel.sequence(
                            masks(z, t, lower, upper, buffers),
                            Kernels.of(new ScalarMultiplication(lower, null, lower, slope)),
                            Kernels.of(new ScalarSubtraction(z, null, shifted, threshold)),
                            Kernels.of(new MulOp(lower, shifted, lower)),
                            Kernels.of(new MulOp(upper, z, upper)),
                            Kernels.of(new AddOp(lower, upper, lower)),
                            Kernels.copy(lower, a));
                }
                return max == null ? body : Kernel.sequence(body, Kernels.of(new ScalarMin(a, null, a, max)));
            }

            @Override
            public Kernel backward(INDArray z, INDArray dLda, INDArray dLdz, Buffers buffers) {
                Kernel capMask = Kernel.NONE;
                INDArray belowCap = null;
                if (max != null && max != 0.0) {
                    // Computed from z before the gradient may overwrite it, as DL4J does.
                    belowCap = buffers.array(DataType.BOOL, z.ordering(), z.shape());
                    capMask = Kernels.of(new ScalarLessThan(z, belowCap, max));
                }
                Kernel body;
                if (plain) {
                    body = Kernels.of(new RectifiedLinearDerivative(z, dLda, dLdz, t));
                } else if (t == 0.0) {
                    body = Kernels.of(new LeakyReLUBp(z, dLda, dLdz, slope));
                } else {
                    INDArray lower = buffers.array(z.ordering(), z.shape());
                    INDArray upper = buffers.array(z.ordering(), z.shape());
                    body = Kernel.sequence(
                            masks(z, t, lower, upper, buffers),
                            Kernels.of(new ScalarMultiplication(lower, null, lower, slope)),
                            Kernels.of(new AddOp(lower, upper, lower)),
                            Kernels.copy(lower, dLdz),
                            Kernels.of(new MulOp(dLdz, dLda, dLdz)));
                }
                return belowCap == null ? body
                        : Kernel.sequence(capMask, body, Kernels.of(new MulOp(dLdz, belowCap, dLdz)));
            }

            /** {@code lower = (z < t)} and {@code upper = (z >= t)} as numbers, DL4J's casts of the comparisons. */
            private Kernel masks(INDArray z, double t, INDArray lower, INDArray upper, Buffers buffers) {
                INDArray lowerMask = buffers.array(DataType.BOOL, z.ordering(), z.shape());
                INDArray upperMask = buffers.array(DataType.BOOL, z.ordering(), z.shape());
                return Kernel.sequence(
                        Kernels.of(new ScalarGreaterThanOrEqual(z, upperMask, t)),
                        Kernels.of(new ScalarLessThan(z, lowerMask, t)),
                        Kernels.copy(upperMask, upper),
                        Kernels.copy(lowerMask, lower));
            }
        };
    }
}
