package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * Adds timesteps of zeros before and after each sequence: Keras's {@code keras.layers.ZeroPadding1D(padding)}.
 * {@code new ZeroPadding1D()} pads one step on each side, {@code new ZeroPadding1D(2)} two, {@code new
 * ZeroPadding1D(1, 3)} one before and three after. Takes sequences {@code (timesteps, features)}; channels-last only. No
 * weights.
 */
public final class ZeroPadding1D extends FluentLayer<ZeroPadding1D> {

    /** Keras's {@code ZeroPadding1D}; Keras 1 also wrote {@code padding} as {@code {left_pad, right_pad}}. */
    public static final LayerType<ZeroPadding1D> TYPE = LayerType.of("ZeroPadding1D", ZeroPadding1D::fromConfig)
            .firstOnSequences();

    private final int[] padding;

    /** {@code ZeroPadding1D()}: one step on each side. */
    public ZeroPadding1D() {
        this(1);
    }

    /** {@code ZeroPadding1D(padding)}: one integer for both sides, or (before, after). */
    public ZeroPadding1D(int... padding) {
        this.padding = SpatialLayers.sides("padding", padding);
    }

    private static ZeroPadding1D fromConfig(LayerConfig config) {
        ZeroPadding1D layer = new ZeroPadding1D(SpatialLayers.readSides(config, "padding", new int[] {1, 1},
                "left_pad", "right_pad"));
        config.mustBe("data_format", "channels_last");
        return layer;
    }

    @Override
    public LayerType<ZeroPadding1D> type() {
        return TYPE;
    }

    /** (before, after): the timesteps of zeros added on each side. */
    public int[] padding() {
        return padding.clone();
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "sequences (timesteps, features)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireSequences(this, inputShape);
        return inputShape.withSize(0, SpatialLayers.resized(inputShape.size(0), steps -> steps + padding[0]
                + padding[1]));
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    /** tf.keras 2.x writes only the padding. */
    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("padding", intList(padding));
    }

    /** Keras 3 adds the data format. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.put("data_format", "channels_last");
    }

    /** DL4J's {@code ZeroPaddingLayer} padding the height of the sequence seen as a one-pixel-wide NHWC image. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return SequenceAsImageLayer.named(new ZeroPaddingLayer.Builder(padding[0], padding[1], 0, 0)
                .dataFormat(CNN2DFormat.NHWC).name(name()).build());
    }

    /** ZeroPadding2D's compiled form on the sequence seen as a one-pixel-wide image. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ShapeLayers.asImage(setup, ZeroPadding2D::compiledPadding, false);
    }

    /** Compiled on sequences of known length without a mask (the layer refuses one). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }
}
