package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaMaxUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Applies {@link KerasAdamax}'s rule: four native ops per step. */
public final class KerasAdamaxUpdater implements GradientUpdater<KerasAdamax> {

    /** Keras's name of the first-moment slot. */
    public static final String M = "m";
    /** Keras's name of the infinity-norm slot. */
    public static final String U = "u";

    private final KerasAdamax config;
    private INDArray m;
    private INDArray u;

    public KerasAdamaxUpdater(KerasAdamax config) {
        this.config = config;
    }

    @Override
    public KerasAdamax getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, M, U);
        m = stateMap.get(M);
        u = stateMap.get(U);
        if (initialize) {
            m.assign(0);
            u.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(M, m, U, u);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray[] views = StateViews.split(viewArray, 2, gradientShape, gradientOrder);
        m = views[0];
        u = views[1];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
        double learningRate = config.getLearningRate(iteration, epoch);
        double beta1 = config.getBeta1();
        double epsilon = config.getEpsilon();
        // ND4J's AdaMax kernel updates m and u exactly as Keras does; its step (without epsilon) is replaced below.
        Nd4j.exec(new AdaMaxUpdater(gradient, u, m, learningRate, beta1, config.getBeta2(), epsilon, iteration));
        u.add(epsilon, gradient);
        gradient.rdivi(m);
        gradient.muli(learningRate / (1 - Math.pow(beta1, iteration + 1)));
    }
}
