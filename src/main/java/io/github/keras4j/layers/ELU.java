package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import io.github.keras4j.activations.dl4j.ActivationScaledELU;
import java.util.Map;

/**
 * Exponential linear unit: {@code x} for {@code x > 0}, {@code alpha * (exp(x) - 1)} otherwise. Keras's
 * {@code keras.layers.ELU(alpha=1.0)}.
 */
public final class ELU extends FluentLayer<ELU> {

    /** Keras's {@code ELU} layer. */
    public static final LayerType<ELU> TYPE = LayerType.of("ELU", ELU::fromConfig).acceptsImages()
            .acceptsSequences();

    /** Keras's default {@code alpha}: 1.0. */
    public static final double DEFAULT_ALPHA = 1.0;

    private final double alpha;

    /** {@code ELU()}: alpha 1.0. */
    public ELU() {
        this(DEFAULT_ALPHA);
    }

    /** {@code ELU(alpha)}: the scale of the negative part, a finite number. */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha of ELU must be a finite number. Received: alpha=" + alpha);
        }
        this.alpha = alpha;
    }

    private static ELU fromConfig(LayerConfig config) {
        return new ELU(config.number("alpha", DEFAULT_ALPHA));
    }

    @Override
    public LayerType<ELU> type() {
        return TYPE;
    }

    /** The scale of the negative part. */
    public double alpha() {
        return alpha;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** Keras 3's ELU writes alpha right after the name. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        Object trainable = config.remove("trainable");
        Object dtype = config.remove("dtype");
        config.put("alpha", config.remove("alpha"));
        config.put("trainable", trainable);
        config.put("dtype", dtype);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("alpha", alpha);
    }

    /** ND4J's ActivationELU drops alpha in its gradient; keras4j's scales it. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationScaledELU(alpha));
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
