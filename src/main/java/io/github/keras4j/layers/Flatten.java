package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.SequenceFlattenPreProcessor;
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
 * Flattens each sample to a vector of features, in row-major (height, width, channels) or (timesteps, features)
 * order: Keras's {@code keras.layers.Flatten()} on channels-last data. On features it changes nothing. A sequence's
 * number of timesteps must be known.
 */
public final class Flatten extends FluentLayer<Flatten> {

    /** Keras's {@code Flatten}. */
    public static final LayerType<Flatten> TYPE = LayerType.of("Flatten", Flatten::fromConfig)
            .firstOnImages()
            .firstOnSequences();

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
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isFullyKnown()) {
            throw new IllegalArgumentException("Flatten layer " + name() + " needs every size of its input known, "
                    + "received input of shape " + inputShape.sizesText() + " (fix the number of timesteps)");
        }
        return Shape.of(inputShape.elementCount());
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
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationIdentity());
    }

    /**
     * On images, DL4J's preprocessor reshapes NHWC activations in C order: Keras's (height, width, channels) order; on
     * sequences keras4j's, timestep by timestep.
     */
    @Override
    public InputPreProcessor dl4jPreProcessor(Shape inputShape) {
        if (inputShape.isSequence()) {
            return new SequenceFlattenPreProcessor(inputShape.size(0), inputShape.size(1));
        }
        return inputShape.isImage() ? new CnnToFeedForwardPreProcessor(inputShape.size(0), inputShape.size(1),
                inputShape.size(2), CNN2DFormat.NHWC)
                : null;
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return ElementwiseLayers.flatten(setup);
    }
}
