package io.github.keras4j.engine.step;

import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;

/**
 * The compiled forms of DL4J's {@code DropoutLayer} with the noises of Keras's noise layers (GaussianNoise,
 * GaussianDropout, the spatial dropouts): in training the noise drawn by the same ND4J random operation on an array of
 * the same shape and order, from ND4J's seeded generator at the same point of the step, so the draws are DL4J's;
 * at inference the identity.
 */
public final class NoiseLayers {

    private NoiseLayers() {
    }

    /**
     * The layer of {@code setup}, a {@code DropoutLayer} whose noise is DL4J's {@code GaussianNoise} (input plus
     * N(0, stddev)), {@code GaussianDropout} (input times N(1, sqrt(rate / (1 - rate)))) or keras4j's
     * {@code ChannelsLastSpatialDropout}.
     */
    public static CompiledLayer of(LayerSetup setup) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before a noise layer has no compiled form");
        }
        INDArray input = setup.input();
        if (!setup.training()) {
            return CompiledLayer.inferenceOnly(input, Kernel.NONE);
        }
        IDropout noise = setup.layer().conf().getLayer().getIDropout();
        if (noise instanceof GaussianNoise gaussian && gaussian.getStddevSchedule() == null) {
            return gaussian(setup, 0.0, gaussian.getStddev(), false);
        }
        if (noise instanceof GaussianDropout gaussian && gaussian.getRateSchedule() == null) {
            double rate = gaussian.getRate();
            return gaussian(setup, 1.0, Math.sqrt(rate / (1.0 - rate)), true);
        }
        if (noise instanceof ChannelsLastSpatialDropout spatial) {
            return invertedDropout(setup, spatial.getP(), true);
        }
        throw new UnsupportedOperationException("noise " + noise + " has no compiled form");
    }

    /**
     * DL4J's {@code GaussianNoise} (N(0, stddev) drawn into an array like the input, added to it; backward the
     * gradient passed on, the values DL4J's copy of it holds) or {@code GaussianDropout} (N(1, stddev) times the
     * input; backward the gradient times the same noise).
     */
    private static CompiledLayer gaussian(LayerSetup setup, double mean, double stddev, boolean multiplies) {
        setup.refuseMask(multiplies ? "Gaussian dropout" : "Gaussian noise");
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        INDArray noise = buffers.array(input.ordering(), input.shape());
        INDArray output = buffers.array(input.ordering(), input.shape());
        KernelList forward = new KernelList(buffers).op(new GaussianDistribution(noise, mean, stddev));
        if (multiplies) {
            forward.mul(input, noise, output);
        } else {
            forward.add(input, noise, output);
        }
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, needed) -> {
            if (!needed || !multiplies) {
                return needed ? outputGradient : null;
            }
            INDArray inputGradient = buffers.array(outputGradient.ordering(), outputGradient.shape());
            kernels.mul(outputGradient, noise, inputGradient);
            return inputGradient;
        });
    }

    /**
     * Inverted dropout as DL4J's {@code Dropout} and keras4j's {@code ChannelsLastSpatialDropout} apply it: a mask of
     * ones through ND4J's {@code DropOutInverted}, times the input forward and times the gradient backward (DL4J
     * copies the gradient in its order, then multiplies the copy). The mask is shaped like the input, or for a
     * spatial dropout {@code [samples, channels]}, read as {@code [samples, 1, ..., 1, channels]} by ND4J's
     * broadcasting {@code multiply}: the same products as DL4J's legacy broadcast, which allocates on every run (one
     * IEEE multiplication per element), bit for bit.
     */
    public static CompiledLayer invertedDropout(LayerSetup setup, double keep, boolean spatial) {
        INDArray input = setup.input();
        Buffers buffers = setup.buffers();
        INDArray mask;
        INDArray broadcastMask;
        if (spatial) {
            int channels = input.rank() - 1;
            mask = buffers.array('c', input.size(0), input.size(channels));
            long[] broadcastShape = new long[input.rank()];
            Arrays.fill(broadcastShape, 1);
            broadcastShape[0] = input.size(0);
            broadcastShape[channels] = input.size(channels);
            broadcastMask = mask.reshape('c', broadcastShape);
        } else {
            mask = buffers.array(input.ordering(), input.shape());
            broadcastMask = mask;
        }
        INDArray output = buffers.array(input.ordering(), input.shape());
        Kernel forward = Kernel.sequence(
                Kernels.of(new ScalarSet(mask, null, mask, 1.0)),
                Kernels.of(new DropOutInverted(mask, mask, keep)),
                Kernels.of(new MulOp(input, broadcastMask, output)));
        return CompiledLayer.of(output, forward, buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray inputGradient = buffers.array(outputGradient.ordering(), outputGradient.shape());
            kernels.mul(outputGradient, broadcastMask, inputGradient);
            return inputGradient;
        });
    }
}
