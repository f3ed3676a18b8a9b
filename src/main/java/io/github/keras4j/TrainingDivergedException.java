package io.github.keras4j;

/**
 * Thrown when the training loss becomes NaN or infinite: training stops after that batch. The {@link History} of
 * the epochs completed before it is kept. Lower the learning rate, scale the inputs, or clip the gradients.
 */
public class TrainingDivergedException extends ArithmeticException {

    private final transient History history;
    private final int epoch;
    private final int batch;

    /** Epoch and batch count from 1, as the log shows them. */
    public TrainingDivergedException(double loss, int epoch, int epochs, int batch, int batches, History history) {
        super("the loss became " + (Double.isNaN(loss) ? "NaN" : String.valueOf(loss)) + " at epoch " + epoch + "/"
                + epochs + ", batch " + batch + "/" + batches + "; training stopped (the weights are those after that "
                + "batch). Lower the learning rate, scale the inputs or choose another loss or initializer.");
        this.history = history;
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The history of the epochs completed before the loss diverged. */
    public History history() {
        return history;
    }

    /** The epoch (from 1) in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** The batch (from 1) of that epoch in which the loss diverged. */
    public int batch() {
        return batch;
    }
}
