package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;

/**
 * Removes timesteps at the start and end of each sequence: Keras's {@code keras.layers.Cropping1D(cropping)}.
 * {@code new Cropping1D()} removes one on each side, {@code new Cropping1D(0, 2)} the last two. Takes sequences
 * {@code (timesteps, features)}. No weights.
 */
public final class Cropping1D extends FluentLayer<Cropping1D> {

    /** Keras's {@code Cropping1D} (the same key in every Keras version). */
    public static final LayerType<Cropping1D> TYPE = LayerType.of("Cropping1D", Cropping1D::fromConfig)
            .firstOnSequences();

    private final int[] cropping;

    /** {@code Cropping1D()}: one timestep off each side. */
    public Cropping1D() {
        this(1);
    }

    /** {@code Cropping1D(cropping)}: one integer for both sides, or (start, end). */
    public Cropping1D(int... cropping) {
        this.cropping = SpatialLayers.sides("cropping", cropping);
    }

    private static Cropping1D fromConfig(LayerConfig config) {
        return new Cropping1D(SpatialLayers.readSides(config, "cropping", new int[] {1, 1}, "left_crop",
                "right_crop"));
    }

    @Override
    public LayerType<Cropping1D> type() {
        return TYPE;
    }

    /** (start, end): the timesteps removed on each side. */
    public int[] cropping() {
        return cropping.clone();
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "sequences (timesteps, features)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireSequences(this, inputShape);
        long steps = inputShape.size(0);
        if (steps != Shape.NONE && steps - cropping[0] - cropping[1] <= 0) {
            throw new IllegalArgumentException("`cropping` parameter of `Cropping1D` layer " + name() + " must be "
                    + "smaller than the input length. Received: input_shape " + inputShape.sizesText()
                    + ", cropping=" + Arrays.toString(cropping));
        }
        return inputShape.withSize(0, SpatialLayers.resized(steps, size -> size - cropping[0] - cropping[1]));
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("cropping", intList(cropping));
    }

    /** DL4J's {@code Cropping2D} cropping the height of the sequence seen as a one-pixel-wide NHWC image. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return SequenceAsImageLayer.named(new Cropping2D.Builder(cropping[0], cropping[1], 0, 0)
                .dataFormat(CNN2DFormat.NHWC).name(name()).build());
    }

    /** Cropping2D's compiled form on the sequence seen as a one-pixel-wide image. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ShapeLayers.asImage(setup, io.github.keras4j.layers.Cropping2D::compiledCropping, false);
    }

    /** Compiled on sequences of known length without a mask (the layer refuses one). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }
}
