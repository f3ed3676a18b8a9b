package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;

/**
 * Repeats the rows and columns of each channels-last image: Keras's {@code keras.layers.UpSampling2D(size)}
 * ({@code new UpSampling2D()} is {@code size=(2, 2)}, {@code new UpSampling2D(3, 1)} triples the rows). Only Keras's
 * default {@code interpolation="nearest"}; {@code data_format="channels_first"} is not supported. No weights.
 */
public final class UpSampling2D extends FluentLayer<UpSampling2D> {

    /** Keras's {@code UpSampling2D}; Keras 1 also wrote {@code dim_ordering} ("tf" only). */
    public static final LayerType<UpSampling2D> TYPE = LayerType.of("UpSampling2D", UpSampling2D::fromConfig)
            .firstOnImages();

    /** The interpolation keras4j computes, Keras's default. */
    public static final String NEAREST = "nearest";

    private final int[] size;

    /** {@code UpSampling2D()}: (2, 2). */
    public UpSampling2D() {
        this(2);
    }

    /** {@code UpSampling2D(size)}: one integer for both axes or (rows, columns), positive. */
    public UpSampling2D(int... size) {
        this.size = Conv2D.pair("size", size);
    }

    private static UpSampling2D fromConfig(LayerConfig config) {
        UpSampling2D layer;
        try {
            layer = new UpSampling2D(config.integers("size", new int[] {2, 2}));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        }
        Object interpolation = config.read("interpolation");
        if (interpolation != null && !NEAREST.equals(interpolation)) {
            throw new UnsupportedOperationException(config.where() + ": \"interpolation\" = "
                    + config.json(interpolation) + " is not supported by keras4j; only \"nearest\" (Keras also has "
                    + "\"bilinear\", \"bicubic\", \"lanczos3\", \"lanczos5\" and \"area\")");
        }
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    public LayerType<UpSampling2D> type() {
        return TYPE;
    }

    /** (rows, columns): how many times each row and column is repeated. */
    public int[] size() {
        return size.clone();
    }

    /** Keras's interpolation: always {@code "nearest"} in keras4j. */
    public String interpolation() {
        return NEAREST;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "images (height, width, channels)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireImages(this, inputShape);
        return Shape.of(Math.multiplyExact(inputShape.size(0), (long) size[0]),
                Math.multiplyExact(inputShape.size(1), (long) size[1]), inputShape.last());
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("size", intList(size));
        config.put("data_format", "channels_last");
        config.put("interpolation", NEAREST);
    }

    /** DL4J's {@code Upsampling2D} (nearest) on NHWC arrays. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new Upsampling2D.Builder().size(size).dataFormat(CNN2DFormat.NHWC).name(name()).build();
    }

    /** ND4J's upsampling2d and upsampling_bp, as DL4J's layer runs them. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledUpsampling(setup);
    }

    /** The compiled form of the NHWC {@code Upsampling2D} of {@code setup}, UpSampling1D's inner layer too. */
    static CompiledLayer compiledUpsampling(LayerSetup setup) {
        Upsampling2D conf = (Upsampling2D) setup.layer().conf().getLayer();
        if (conf.getFormat() != CNN2DFormat.NHWC || conf.getIDropout() != null) {
            throw new UnsupportedOperationException("upsampling " + conf + " has no compiled form");
        }
        return ShapeLayers.upsample(setup, conf.getSize());
    }
}
