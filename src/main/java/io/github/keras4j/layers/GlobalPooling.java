package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.Reshapes;
import io.github.keras4j.layers.dl4j.ChannelsLastLayer;
import io.github.keras4j.layers.dl4j.ChannelsLastLayerImpl;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.any.IsMax;

/**
 * What Keras's global poolings share ({@code GlobalAveragePooling1D/2D}, {@code GlobalMaxPooling1D/2D}): the mean or
 * maximum over every timestep of a sequence {@code (timesteps, features)} or every pixel of a channels-last image
 * {@code (height, width, channels)}, giving {@code (features)}, or, with {@code keepdims}, the pooled axes kept as
 * size 1 ({@code (1, features)}, {@code (1, 1, channels)}). No weights; channels-last data only. DL4J's
 * {@code GlobalPoolingLayer} computes it.
 *
 * @param <T> the concrete layer
 */
public abstract class GlobalPooling<T extends GlobalPooling<T>> extends FluentLayer<T> {

    private boolean keepdims;

    GlobalPooling() {
    }

    /** Keras's {@code from_config} of the four types: {@code layer} is the type's default layer. */
    static <T extends GlobalPooling<T>> T readPooling(T layer, LayerConfig config) {
        config.mustBe("data_format", "channels_last");
        return layer.keepdims(config.bool("keepdims", false));
    }

    /** Whether the pooled axes are kept as size 1 (Keras's {@code keepdims}). */
    public boolean keepdims() {
        return keepdims;
    }

    /** A copy keeping the pooled axes as size 1 (Keras's {@code keepdims=True}), or dropping them (the default). */
    public T keepdims(boolean keepdims) {
        T copy = copy();
        ((GlobalPooling<T>) copy).keepdims = keepdims;
        return copy;
    }

    /** Whether the type pools sequences (1D), else images (2D). */
    abstract boolean pooling1D();

    /** DL4J's pooling type of the concrete layer. */
    abstract PoolingType dl4jPoolingType();

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.6+'s and Keras 3's keys.
        config.put("data_format", "channels_last");
        config.put("keepdims", keepdims);
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException(className() + " layer " + name() + " takes " + inputKind()
                + ", not " + inputUnits + " features");
    }

    private String inputKind() {
        return pooling1D() ? "sequences (timesteps, features)" : "images (height, width, channels)";
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (pooling1D() ? !inputShape.isSequence() || !inputShape.isKnown(-1) : !inputShape.isImage()) {
            throw new UnsupportedOperationException(className() + " layer " + name() + " takes " + inputKind()
                    + ", received input of shape " + inputShape.sizesText());
        }
        long channels = inputShape.last();
        return !keepdims ? Shape.of(channels) : pooling1D() ? Shape.of(1, channels) : Shape.of(1, 1, channels);
    }

    /**
     * DL4J's {@code GlobalPoolingLayer}: over the timesteps of NCW sequences (where DL4J honours a timestep mask)
     * inside {@link ChannelsLastLayer}, or over the height and width of NHWC images; with {@code keepdims} the
     * wrapper keeps the pooled axes.
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        GlobalPoolingLayer.Builder builder = new GlobalPoolingLayer.Builder(dl4jPoolingType())
                .collapseDimensions(true)
                .name(name());
        if (!pooling1D()) {
            builder.poolingDimensions(1, 2);
        }
        GlobalPoolingLayer pooling = builder.build();
        return pooling1D() || keepdims ? new ChannelsLastLayer(pooling, pooling1D(), keepdims) : pooling;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** On sequences (the 1-D types), masked where the type takes a mask (its input is refused otherwise). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return pooling1D();
    }

    /**
     * DL4J's {@code GlobalPoolingLayer} (inside {@link ChannelsLastLayer} on sequences, which it sees as NCW views,
     * and with {@code keepdims}): the mean or maximum over the pooled axes; backward, dL/d(output) copied to each
     * pooled cell and divided by their number, or put where the maximum was ({@code ismax}). With a timestep mask,
     * DL4J's {@code MaskedReductionUtil}: the masked steps' values zeroed (mean) or made -infinity (maximum, here
     * {@code x + log(mask)}, which adds the same 0 or -infinity) before the reduction, the mean divided by each
     * sample's count of steps. Every broadcast copy, product and quotient is one IEEE operation per value, as DL4J's
     * legacy broadcasts are, and the reductions are the same native ones, so the numbers are DL4J's.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before " + this + " has no compiled form");
        }
        // A wrapped layer's configuration is its underlying layer's: the wrapper is what toDl4j made it.
        org.deeplearning4j.nn.conf.layers.Layer conf = setup.layer().conf().getLayer();
        boolean wrapped = pooling1D() || keepdims;
        if (wrapped != setup.layer() instanceof ChannelsLastLayerImpl) {
            throw new UnsupportedOperationException(this + " has no compiled form for DL4J layer " + setup.layer());
        }
        boolean channelsFirstInside = pooling1D();
        boolean keepDims = keepdims;
        if (!(conf instanceof GlobalPoolingLayer pooling) || !pooling.isCollapseDimensions()
                || (pooling.getPoolingType() != PoolingType.AVG && pooling.getPoolingType() != PoolingType.MAX)) {
            throw new UnsupportedOperationException(this + " has no compiled form for " + conf);
        }
        boolean max = pooling.getPoolingType() == PoolingType.MAX;
        INDArray input = setup.input();
        int rank = input.rank();
        if (rank != 3 && rank != 4) {
            throw new UnsupportedOperationException(this + " has no compiled form for input of rank " + rank);
        }
        INDArray mask = setup.mask();
        if (mask != null && rank != 3) {
            throw new UnsupportedOperationException(this + " has no compiled form with a mask on images");
        }
        INDArray inside = channelsFirstInside && rank == 3 ? input.permute(0, 2, 1) : input;
        int[] poolDim = pooling.getPoolingDimensions() != null ? pooling.getPoolingDimensions()
                : rank == 3 ? new int[] {2} : new int[] {2, 3};
        long samples = input.size(0);
        long channels = rank == 3 ? inside.size(1) : inside.size(3);
        if (rank == 4 && !java.util.Arrays.equals(poolDim, new int[] {1, 2})) {
            throw new UnsupportedOperationException(this + " has no compiled form pooling axes "
                    + java.util.Arrays.toString(poolDim));
        }
        if (rank == 3 && !java.util.Arrays.equals(poolDim, new int[] {2})) {
            throw new UnsupportedOperationException(this + " has no compiled form pooling axes "
                    + java.util.Arrays.toString(poolDim));
        }
        long[] perChannel = rank == 3 ? new long[] {samples, channels, 1} : new long[] {samples, 1, 1, channels};
        Buffers buffers = setup.buffers();
        KernelList forward = new KernelList(buffers);
        INDArray reduced = buffers.array('c', samples, channels);
        // The mask as [samples, 1, timesteps], broadcast over the channels of the NCW view.
        INDArray maskSteps = mask == null ? null : mask.reshape('c', new long[] {samples, 1, mask.size(1)});
        INDArray counts;
        INDArray pooled;
        if (mask == null) {
            counts = null;
            pooled = inside;
        } else if (max) {
            counts = null;
            INDArray logMask = buffers.array('c', mask.shape());
            forward.log(mask, logMask);
            pooled = buffers.array('c', inside.shape());
            forward.add(inside, logMask.reshape('c', new long[] {samples, 1, mask.size(1)}), pooled);
        } else {
            counts = buffers.array('c', samples, 1);
            pooled = buffers.array('c', inside.shape());
            forward.mul(inside, maskSteps, pooled);
        }
        if (max) {
            forward.max(pooled, poolDim, reduced);
        } else if (mask == null) {
            forward.mean(pooled, poolDim, reduced);
        } else {
            forward.sum(pooled, poolDim, reduced);
            forward.sum(mask, 1, counts);
            forward.div(reduced, counts, reduced);
        }
        INDArray output = !keepDims ? reduced : rank == 3 ? reduced.reshape('c', new long[] {samples, 1, channels})
                : reduced.reshape('c', new long[] {samples, 1, 1, channels});
        INDArray pooledInput = pooled;
        long cells = rank == 3 ? inside.size(2) : inside.size(1) * inside.size(2);
        boolean toNwc = channelsFirstInside && rank == 3;
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, needed) -> {
            if (!needed) {
                return null;
            }
            INDArray epsilon = outputGradient.rank() == 2 ? outputGradient
                    : Reshapes.reshape(kernels, buffers, outputGradient, 'c', samples, channels);
            INDArray epsilonPerChannel = Reshapes.reshape(kernels, buffers, epsilon, 'c', perChannel);
            INDArray gradient;
            if (max) {
                // DL4J's IsMax output is shaped and ordered like what it reads (ulike).
                gradient = kernels.like(pooledInput);
                kernels.add(Kernels.of(new IsMax(pooledInput, gradient, poolDim)));
                kernels.mul(gradient, epsilonPerChannel, gradient);
            } else if (mask == null) {
                gradient = kernels.like(inside);
                kernels.add(broadcastCopy(epsilonPerChannel, gradient));
                kernels.div(gradient, (double) cells, gradient);
            } else {
                gradient = buffers.array('f', inside.shape());
                kernels.add(broadcastCopy(epsilonPerChannel, gradient));
                kernels.mul(gradient, maskSteps, gradient);
                kernels.div(gradient, counts.reshape('c', new long[] {samples, 1, 1}), gradient);
            }
            return toNwc ? gradient.permute(0, 2, 1) : gradient;
        });
    }

    /** {@code to = from} broadcast over {@code to}'s shape: a copy of each value, as DL4J's {@code BroadcastCopyOp}. */
    private static io.github.keras4j.engine.step.Kernel broadcastCopy(INDArray from, INDArray to) {
        return CustomKernel.of("assign").in(to, from).out(to).build();
    }
}
