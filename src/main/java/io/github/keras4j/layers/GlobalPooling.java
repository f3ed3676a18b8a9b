package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.ChannelsLastLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

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
}
