package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import java.util.Arrays;
import java.util.Map;
import io.github.keras4j.layers.dl4j.CroppingLayer;

/**
 * Removes rows and columns at the borders of each channels-last image: Keras's
 * {@code keras.layers.Cropping2D(cropping)}. {@code new Cropping2D()} removes nothing (Keras's default), {@code new
 * Cropping2D(2, 1)} two rows at the top and bottom and one column left and right, {@code new Cropping2D(1, 0, 2, 2)}
 * is {@code cropping=((1, 0), (2, 2))} (top, bottom, left, right). {@code data_format="channels_first"} is not
 * supported. No weights.
 */
public final class Cropping2D extends FluentLayer<Cropping2D> {

    /** Keras's {@code Cropping2D}; Keras 1 also wrote {@code dim_ordering} ("tf" only). */
    public static final LayerType<Cropping2D> TYPE = LayerType.of("Cropping2D", Cropping2D::fromConfig)
            .firstOnImages();

    private final int[][] cropping;

    /** {@code Cropping2D()}: ((0, 0), (0, 0)). */
    public Cropping2D() {
        this(0);
    }

    /** {@code Cropping2D(cropping)}: one integer, (height, width) or (top, bottom, left, right). */
    public Cropping2D(int... cropping) {
        this.cropping = SpatialLayers.sides2D("cropping", cropping);
    }

    private Cropping2D(int[][] cropping) {
        this(cropping[0][0], cropping[0][1], cropping[1][0], cropping[1][1]);
    }

    private static Cropping2D fromConfig(LayerConfig config) {
        Cropping2D layer = new Cropping2D(SpatialLayers.readSides2D(config, "cropping",
                new int[][] {{0, 0}, {0, 0}}));
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    public LayerType<Cropping2D> type() {
        return TYPE;
    }

    /** ((top, bottom), (left, right)): the rows and columns removed. */
    public int[][] cropping() {
        return new int[][] {cropping[0].clone(), cropping[1].clone()};
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "images (height, width, channels)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireImages(this, inputShape);
        long height = inputShape.size(0) - cropping[0][0] - cropping[0][1];
        long width = inputShape.size(1) - cropping[1][0] - cropping[1][1];
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Values in `cropping` argument of Cropping2D layer " + name()
                    + " should be smaller than the corresponding spatial dimension of the input. Received: "
                    + "input_shape " + inputShape.sizesText() + ", cropping=" + Arrays.deepToString(cropping));
        }
        return Shape.of(height, width, inputShape.last());
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("cropping", SpatialLayers.pairList(cropping));
        config.put("data_format", "channels_last");
    }

    /** DL4J's {@code Cropping2D} on NHWC arrays ({@code CroppingLayer}). */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return CroppingLayer.named(name(), cropping[0][0], cropping[0][1], cropping[1][0], cropping[1][1]);
    }

    /** DL4J's view of the input's middle forward, and the gradient copied into the middle of zeros backward. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledCropping(setup);
    }

    /** The compiled form of the NHWC {@code Cropping2D} of {@code setup}, Cropping1D's inner layer too. */
    static CompiledLayer compiledCropping(LayerSetup setup) {
        org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D conf =
                (org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D) setup.layer().conf().getLayer();
        if (conf.getDataFormat() != org.deeplearning4j.nn.conf.CNN2DFormat.NHWC || conf.getIDropout() != null) {
            throw new UnsupportedOperationException("cropping " + conf + " has no compiled form");
        }
        // keras4j's CroppingLayer copies its output when first; DL4J's own (Cropping1D's inner layer) never does.
        return ShapeLayers.crop(setup, conf.getCropping(), conf instanceof CroppingLayer);
    }
}
