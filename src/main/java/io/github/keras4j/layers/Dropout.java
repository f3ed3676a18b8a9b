package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.NoiseLayers;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.LayerSetup;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}; the identity at inference. Keras's {@code keras.layers.Dropout(rate)}.
 */
public final class Dropout extends FluentLayer<Dropout> {

    /** Keras's {@code Dropout}; Keras 1 called {@code rate} {@code p}. */
    public static final LayerType<Dropout> TYPE = LayerType.of("Dropout", Dropout::fromConfig)
            .keras1Keys("p", "rate")
            .acceptsImages()
            .acceptsSequences();

    private final double rate;

    /** {@code Dropout(rate)}: {@code rate} is the fraction dropped, in [0, 1). */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    private static Dropout fromConfig(LayerConfig config) {
        Dropout dropout = new Dropout(config.number("rate"));
        config.mustBeNull("noise_shape");
        // A per-layer seed fixes Keras's own random stream; keras4j's dropout draws from the model's seed.
        config.accept("seed");
        return dropout;
    }

    @Override
    public LayerType<Dropout> type() {
        return TYPE;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** The fraction of inputs dropped. */
    public double rate() {
        return rate;
    }

    /** Keras 3's key order: rate, seed, noise_shape. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        Object noiseShape = config.remove("noise_shape");
        config.put("seed", config.remove("seed"));
        config.put("noise_shape", noiseShape);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    /** DL4J's dropout argument is the probability of keeping an input; Keras's rate is that of dropping it. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        DropoutLayer.Builder builder = new DropoutLayer.Builder(1.0 - rate).name(name());
        return (inputShape.isFeatures() ? builder.nIn(inputShape.last()).nOut(inputShape.last()) : builder).build();
    }

    /**
     * DL4J's {@code DropoutLayer} with its inverted dropout: in training a mask of ones, dropped to 0 or scaled to
     * {@code 1 / (1 - rate)} by ND4J's {@code DropOutInverted} from ND4J's random generator (the model's seeded
     * generator, drawn in the same order as DL4J draws it), times the input; backward, the output gradient times the
     * same mask. At inference the layer passes its input on, as DL4J's does.
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        INDArray input = setup.input();
        if (!setup.training()) {
            return CompiledLayer.inferenceOnly(input, Kernel.NONE);
        }
        IDropout dropout = ((BaseLayer) setup.layer().conf().getLayer()).getIDropout();
        if (!(dropout instanceof org.deeplearning4j.nn.conf.dropout.Dropout inverted)
                || inverted.getPSchedule() != null) {
            throw new UnsupportedOperationException("dropout " + dropout + " has no compiled form");
        }
        return NoiseLayers.invertedDropout(setup, inverted.getP(), false);
    }
}
