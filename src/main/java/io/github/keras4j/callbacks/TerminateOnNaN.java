package io.github.keras4j.callbacks;

import java.util.Map;

/**
 * Stops training gracefully when the loss becomes NaN or infinite: Keras's {@code keras.callbacks.TerminateOnNaN}.
 * After the batch whose running loss is not finite it prints Keras's {@code Batch 3: Invalid loss, terminating
 * training} (the batch counted from 0 within its epoch) and sets {@code stopTraining}, so that {@code fit} ends and
 * returns its {@link io.github.keras4j.History} instead of throwing
 * {@link io.github.keras4j.TrainingDivergedException}, which it does without this callback. The epoch's end hooks
 * still run, as in Keras, with the NaN loss in the logs. It has no arguments.
 */
public final class TerminateOnNaN extends Callback {

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            model().stopTraining(true);
        }
    }

    @Override
    public String toString() {
        return "TerminateOnNaN()";
    }
}
