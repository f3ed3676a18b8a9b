package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Applies {@link KerasSgdMomentum}'s rule: two native ops per step. */
public final class KerasSgdMomentumUpdater implements GradientUpdater<KerasSgdMomentum> {

    /** Keras's name of the velocity slot. */
    public static final String VELOCITY = "m";

    private final KerasSgdMomentum config;
    private INDArray velocity;

    public KerasSgdMomentumUpdater(KerasSgdMomentum config) {
        this.config = config;
    }

    @Override
    public KerasSgdMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, VELOCITY);
        velocity = stateMap.get(VELOCITY);
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = StateViews.split(viewArray, 1, gradientShape, gradientOrder)[0];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (velocity == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
        double learningRate = config.getLearningRate(iteration, epoch);
        // ND4J's Nesterovs kernel first updates its state exactly as Keras updates the velocity,
        // v = momentum * v - lr * g; its own (Nesterov) step, written into gradient, is then replaced.
        Nd4j.exec(new NesterovsUpdater(gradient, velocity, learningRate, config.getMomentum()));
        // Keras adds the velocity; DL4J subtracts what we leave in gradient.
        velocity.mul(-1.0, gradient);
    }
}
