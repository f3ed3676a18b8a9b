package io.github.keras4j.engine.step;

import io.github.keras4j.losses.dl4j.SquaredErrorStep;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The compiled form of each loss function: keras4j's own losses are their own {@link LossStep}s; DL4J's losses that
 * keras4j uses have one here.
 */
public final class LossSteps {

    private static final Map<Class<? extends ILossFunction>, Supplier<LossStep>> DL4J_LOSSES = Map.of(
            LossMSE.class, () -> new SquaredErrorStep(true),
            LossL2.class, () -> new SquaredErrorStep(false));

    private LossSteps() {
    }

    /**
     * The compiled form of {@code loss}.
     *
     * @throws UnsupportedOperationException for a loss without one
     */
    public static LossStep of(ILossFunction loss) {
        if (loss instanceof LossStep step) {
            return step;
        }
        Supplier<LossStep> step = DL4J_LOSSES.get(loss.getClass());
        if (loss instanceof LossL2 l2 && l2.getWeights() != null) {
            throw new UnsupportedOperationException("a DL4J loss with per-output weights has no compiled form");
        }
        if (step == null) {
            throw new UnsupportedOperationException("loss " + loss + " has no compiled form");
        }
        return step.get();
    }
}
