package io.github.keras4j.engine.step;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** The iteration and epoch counts DL4J keeps in the network's configuration (saved with the model). */
public final class StepCounters {

    private final MultiLayerConfiguration configuration;

    public StepCounters(MultiLayerConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Updates done so far: Keras's {@code t} before this step's update. */
    public int iteration() {
        return configuration.getIterationCount();
    }

    public int epoch() {
        return configuration.getEpochCount();
    }

    void advance() {
        configuration.setIterationCount(configuration.getIterationCount() + 1);
    }
}
