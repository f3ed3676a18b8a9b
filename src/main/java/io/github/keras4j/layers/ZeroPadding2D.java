package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * Adds rows and columns of zeros around each channels-last image: Keras's {@code keras.layers.ZeroPadding2D(padding)}.
 * {@code new ZeroPadding2D()} pads one on every side, {@code new ZeroPadding2D(2, 1)} two rows above and below and one
 * column left and right, {@code new ZeroPadding2D(1, 0, 2, 2)} is {@code padding=((1, 0), (2, 2))} (top, bottom, left,
 * right). {@code data_format="channels_first"} is not supported. No weights.
 */
public final class ZeroPadding2D extends FluentLayer<ZeroPadding2D> {

    /**
     * Keras's {@code ZeroPadding2D}; Keras 1 also wrote {@code padding} as four integers or a dictionary, and
     * {@code dim_ordering} ("tf" only).
     */
    public static final LayerType<ZeroPadding2D> TYPE = LayerType.of("ZeroPadding2D", ZeroPadding2D::fromConfig)
            .firstOnImages();

    private final int[][] padding;

    /** {@code ZeroPadding2D()}: one row or column on every side. */
    public ZeroPadding2D() {
        this(1);
    }

    /** {@code ZeroPadding2D(padding)}: one integer, (height, width) or (top, bottom, left, right). */
    public ZeroPadding2D(int... padding) {
        this.padding = SpatialLayers.sides2D("padding", padding);
    }

    private ZeroPadding2D(int[][] padding) {
        this(padding[0][0], padding[0][1], padding[1][0], padding[1][1]);
    }

    private static ZeroPadding2D fromConfig(LayerConfig config) {
        ZeroPadding2D layer = new ZeroPadding2D(SpatialLayers.readSides2D(config, "padding",
                new int[][] {{1, 1}, {1, 1}}, "top_pad", "bottom_pad", "left_pad", "right_pad"));
        config.mustBe("data_format", "channels_last");
        config.mustBe("dim_ordering", "tf");
        return layer;
    }

    @Override
    public LayerType<ZeroPadding2D> type() {
        return TYPE;
    }

    /** ((top, bottom), (left, right)): the rows and columns of zeros added. */
    public int[][] padding() {
        return new int[][] {padding[0].clone(), padding[1].clone()};
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw SpatialLayers.noFeatures(this, "images (height, width, channels)", inputUnits);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        SpatialLayers.requireImages(this, inputShape);
        return Shape.of(Math.addExact(inputShape.size(0), (long) padding[0][0] + padding[0][1]),
                Math.addExact(inputShape.size(1), (long) padding[1][0] + padding[1][1]), inputShape.last());
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("padding", SpatialLayers.pairList(padding));
        config.put("data_format", "channels_last");
    }

    /** DL4J's {@code ZeroPaddingLayer} on NHWC arrays. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new ZeroPaddingLayer.Builder(padding[0][0], padding[0][1], padding[1][0], padding[1][1])
                .dataFormat(CNN2DFormat.NHWC).name(name()).build();
    }

    /** DL4J's copy into the middle of zeros, and its view of the gradient's middle. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledPadding(setup);
    }

    /** The compiled form of the NHWC {@code ZeroPaddingLayer} of {@code setup}, ZeroPadding1D's inner layer too. */
    static CompiledLayer compiledPadding(LayerSetup setup) {
        ZeroPaddingLayer conf = (ZeroPaddingLayer) setup.layer().conf().getLayer();
        if (conf.getDataFormat() != CNN2DFormat.NHWC || conf.getIDropout() != null) {
            throw new UnsupportedOperationException("zero padding " + conf + " has no compiled form");
        }
        return ShapeLayers.pad(setup, conf.getPadding());
    }
}
