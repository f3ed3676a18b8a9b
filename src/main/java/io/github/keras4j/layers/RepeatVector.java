package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;

/**
 * Repeats each sample's features {@code n} times, making a sequence {@code (n, features)}: Keras's
 * {@code keras.layers.RepeatVector(n)}, which feeds a vector to a recurrent layer (the decoder of a sequence-to-sequence
 * model). Takes features only. No weights.
 */
public final class RepeatVector extends FluentLayer<RepeatVector> {

    /** Keras's {@code RepeatVector} (the same key in every Keras version). */
    public static final LayerType<RepeatVector> TYPE = LayerType.of("RepeatVector", RepeatVector::fromConfig);

    private final int n;

    /** {@code RepeatVector(n)}: the number of timesteps of the output, positive. */
    public RepeatVector(int n) {
        this.n = SpatialLayers.positive("n", n);
    }

    private static RepeatVector fromConfig(LayerConfig config) {
        try {
            return new RepeatVector(config.integer("n"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LayerType<RepeatVector> type() {
        return TYPE;
    }

    /** The number of repetitions (the output's timesteps). */
    public int n() {
        return n;
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("RepeatVector layer " + name() + " outputs sequences of shape "
                + "(" + n + ", " + inputUnits + "), not features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isFeatures()) {
            throw new UnsupportedOperationException("RepeatVector layer " + name() + " takes features (shape [n]), "
                    + "received input of shape " + inputShape.sizesText());
        }
        return Shape.of(n, inputShape.last());
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("n", n);
    }

    /** DL4J's {@code RepeatVector} writing keras4j's {@code [samples, timesteps, features]} (NWC) sequences. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return new org.deeplearning4j.nn.conf.layers.misc.RepeatVector.Builder(n)
                .dataFormat(RNNFormat.NWC)
                .nIn(inputShape.last()).nOut(inputShape.last())
                .name(name())
                .build();
    }

    /** DL4J's repeat forward and sum over the timesteps backward, on features (its only input). */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        org.deeplearning4j.nn.conf.layers.misc.RepeatVector conf =
                (org.deeplearning4j.nn.conf.layers.misc.RepeatVector) setup.layer().conf().getLayer();
        if (conf.getDataFormat() != RNNFormat.NWC || conf.getIDropout() != null) {
            throw new UnsupportedOperationException("RepeatVector " + conf + " has no compiled form");
        }
        return ShapeLayers.repeat(setup, conf.getN());
    }
}
