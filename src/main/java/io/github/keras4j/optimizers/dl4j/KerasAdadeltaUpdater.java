package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Applies {@link KerasAdadelta}'s rule: ND4J's AdaDelta kernel, then the learning rate (two native ops). */
public final class KerasAdadeltaUpdater implements GradientUpdater<KerasAdadelta> {

    /** Keras's name of the running mean of g^2. */
    public static final String ACCUMULATED_GRAD = "accumulated_grad";
    /** Keras's name of the running mean of delta^2. */
    public static final String ACCUMULATED_DELTA_VAR = "accumulated_delta_var";

    private final KerasAdadelta config;
    private INDArray accumulatedGrad;
    private INDArray accumulatedDeltaVar;

    public KerasAdadeltaUpdater(KerasAdadelta config) {
        this.config = config;
    }

    @Override
    public KerasAdadelta getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, ACCUMULATED_GRAD, ACCUMULATED_DELTA_VAR);
        accumulatedGrad = stateMap.get(ACCUMULATED_GRAD);
        accumulatedDeltaVar = stateMap.get(ACCUMULATED_DELTA_VAR);
        if (initialize) {
            accumulatedGrad.assign(0);
            accumulatedDeltaVar.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(ACCUMULATED_GRAD, accumulatedGrad, ACCUMULATED_DELTA_VAR, accumulatedDeltaVar);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray[] views = StateViews.split(viewArray, 2, gradientShape, gradientOrder);
        accumulatedGrad = views[0];
        accumulatedDeltaVar = views[1];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (accumulatedGrad == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
        // ND4J's kernel computes Keras's accumulators and -delta (DL4J subtracts the step) without a learning rate.
        Nd4j.exec(new AdaDeltaUpdater(gradient, accumulatedGrad, accumulatedDeltaVar, config.getRho(),
                config.getEpsilon()));
        double learningRate = config.getLearningRate(iteration, epoch);
        if (learningRate != 1.0) {
            gradient.muli(learningRate);
        }
    }
}
