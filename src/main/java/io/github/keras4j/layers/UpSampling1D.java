package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;

/**
 * Repeats each timestep {@code size} times: Keras's {@code keras.layers.UpSampling1D(size)} ({@code new UpSampling1D()}
 * is {@code size=2}). Takes sequences {@code (timesteps, features)}. No weights.
 */
public final class UpSampling1D extends FluentLayer<UpSampling1D> {

    /** Keras's {@code UpSampling1D}; Keras 1 called {@code size} {@code length}. */
    public static final LayerType<UpSampling1D> TYPE = LayerType.of("UpSampling1D", UpSampling1D::fromConfig)
            .keras1Keys("length", "size")
            .firstOnSequences();

    /** Keras's default size, 2. */
    public static final int DEFAULT_SIZE = 2;

    private final int size;

    /** {@code UpSampling1D()}: each timestep twice. */
    public UpSampling1D() {
        this(DEFAULT_SIZE);
    }

    /** {@code UpSampling1D(size)}: each timestep {@code size} times, positive. */
    public UpSampling1D(int size) {
        this.size = SpatialLayers.positive("size", size);
    }

    private static UpSampling1D fromConfig(LayerConfig config) {
        try {
            return new UpSampling1D(config.optional("size", null) == null ? DEFAULT_SIZE : config.integer("size"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LayerType<UpSampling1D> type() {
        return TYPE;
    }

    /** How many times each timestep is repeated. */
    public int size() {
        return size;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "sequences (timesteps, features)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireSequences(this, inputShape);
        return inputShape.withSize(0, SpatialLayers.resized(inputShape.size(0), steps -> Math.multiplyExact(steps,
                (long) size)));
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("size", size);
    }

    /** DL4J's {@code Upsampling2D} (nearest) along the height of the sequence seen as a one-pixel-wide NHWC image. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return SequenceAsImageLayer.named(new Upsampling2D.Builder().size(new int[] {size, 1})
                .dataFormat(CNN2DFormat.NHWC).name(name()).build());
    }

    /** UpSampling2D's compiled form on the sequence seen as a one-pixel-wide image. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ShapeLayers.asImage(setup, UpSampling2D::compiledUpsampling, false);
    }

    /** Compiled on sequences of known length without a mask (the layer refuses one). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }
}
