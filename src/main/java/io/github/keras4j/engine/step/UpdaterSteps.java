package io.github.keras4j.engine.step;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AmsGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.SgdUpdater;
import org.nd4j.linalg.learning.AMSGradUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The compiled form of each gradient updater: keras4j's own updaters are their own {@link UpdaterStep}s; ND4J's
 * that keras4j uses have one here, each running the updater operation ND4J's {@code applyUpdater} runs, with the
 * same arguments, on an op context kept from step to step.
 */
public final class UpdaterSteps {

    private static final Map<Class<?>, UpdaterStep> ND4J_UPDATERS = Map.of(
            org.nd4j.linalg.learning.SgdUpdater.class, UpdaterSteps::sgd,
            org.nd4j.linalg.learning.AdamUpdater.class, UpdaterSteps::adam,
            AMSGradUpdater.class, UpdaterSteps::amsGrad,
            org.nd4j.linalg.learning.NesterovsUpdater.class, UpdaterSteps::nesterovs,
            NoOpUpdater.class, (updater, gradient) -> (iteration, epoch) -> { });

    private UpdaterSteps() {
    }

    /**
     * The compiled form of {@code updater} on {@code gradient}.
     *
     * @throws UnsupportedOperationException for an updater without one
     */
    public static CompiledUpdater compile(GradientUpdater<?> updater, INDArray gradient) {
        if (updater instanceof UpdaterStep step) {
            return step.compile(updater, gradient);
        }
        UpdaterStep step = ND4J_UPDATERS.get(updater.getClass());
        if (step == null) {
            throw new UnsupportedOperationException("updater " + updater.getConfig() + " has no compiled form");
        }
        return step.compile(updater, gradient);
    }

    private static CompiledUpdater sgd(GradientUpdater<?> updater, INDArray gradient) {
        Sgd config = (Sgd) updater.getConfig();
        CustomKernel kernel = CustomKernel.of(new SgdUpdater(gradient, config.getLearningRate(0, 0)));
        return (iteration, epoch) -> {
            kernel.tArgument(0, config.getLearningRate(iteration, epoch));
            kernel.run();
        };
    }

    private static CompiledUpdater adam(GradientUpdater<?> updater, INDArray gradient) {
        Adam config = (Adam) updater.getConfig();
        INDArray v = updater.getState().get(org.nd4j.linalg.learning.AdamUpdater.V_STATE);
        INDArray m = updater.getState().get(org.nd4j.linalg.learning.AdamUpdater.M_STATE);
        CustomKernel kernel = CustomKernel.of(new AdamUpdater(gradient.reshape(v.shape()), v, m,
                config.getLearningRate(0, 0), config.getBeta1(), config.getBeta2(), config.getEpsilon(), 0));
        return (iteration, epoch) -> {
            kernel.tArgument(0, config.getLearningRate(iteration, epoch));
            kernel.iArgument(0, iteration);
            kernel.run();
        };
    }

    private static CompiledUpdater amsGrad(GradientUpdater<?> updater, INDArray gradient) {
        AMSGrad config = (AMSGrad) updater.getConfig();
        Map<String, INDArray> state = updater.getState();
        INDArray v = state.get(AMSGradUpdater.V_STATE);
        CustomKernel kernel = CustomKernel.of(new AmsGradUpdater(gradient.reshape(v.shape()), v,
                state.get(AMSGradUpdater.M_STATE), state.get(AMSGradUpdater.V_HAT_STATE), config.getLearningRate(0, 0),
                config.getBeta1(), config.getBeta2(), config.getEpsilon(), 0));
        return (iteration, epoch) -> {
            kernel.tArgument(0, config.getLearningRate(iteration, epoch));
            kernel.iArgument(0, iteration);
            kernel.run();
        };
    }

    private static CompiledUpdater nesterovs(GradientUpdater<?> updater, INDArray gradient) {
        Nesterovs config = (Nesterovs) updater.getConfig();
        INDArray v = updater.getState().get(org.nd4j.linalg.learning.NesterovsUpdater.V_STATE);
        CustomKernel kernel = CustomKernel.of(new NesterovsUpdater(gradient.reshape(v.shape()), v,
                config.getLearningRate(0, 0), config.currentMomentum(0, 0)));
        return (iteration, epoch) -> {
            kernel.tArgument(0, config.getLearningRate(iteration, epoch));
            kernel.tArgument(1, config.currentMomentum(iteration, epoch));
            kernel.run();
        };
    }
}
