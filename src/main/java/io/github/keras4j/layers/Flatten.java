package io.github.keras4j.layers;

import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.ElementwiseLayers;
import io.github.keras4j.engine.step.LayerSetup;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * Flattens each sample to a vector of features, in row-major (height, width, channels) order: Keras's
 * {@code keras.layers.Flatten()} on channels-last data. On features it changes nothing.
 */
public final class Flatten extends FluentLayer<Flatten> {

    /** Keras's {@code Flatten}. */
    public static final LayerType<Flatten> TYPE = LayerType.of("Flatten", Flatten::fromConfig)
            .firstOnImages();

    /** {@code Flatten()}. */
    public Flatten() {
    }

    private static Flatten fromConfig(LayerConfig config) {
        Object format = config.read("data_format");
        if (!(format == null || "channels_last".equals(format))) {
            throw new UnsupportedOperationException(config.where() + ": data_format " + config.json(format)
                    + " is not supported; only channels_last");
        }
        return new Flatten();
    }

    @Override
    public LayerType<Flatten> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new long[] {Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("data_format", "channels_last");
    }

    /** An identity layer: the flattening is its preprocessor's. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(long[] inputShape) {
        return dl4jActivationLayer(new ActivationIdentity());
    }

    /** On images, DL4J's preprocessor reshapes NHWC activations in C order: Keras's (height, width, channels) order. */
    @Override
    public InputPreProcessor dl4jPreProcessor(long[] inputShape) {
        return inputShape.length == 3
                ? new CnnToFeedForwardPreProcessor(inputShape[0], inputShape[1], inputShape[2], CNN2DFormat.NHWC)
                : null;
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ElementwiseLayers.flatten(setup);
    }
}
