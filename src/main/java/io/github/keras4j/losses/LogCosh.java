package io.github.keras4j.losses;

import io.github.keras4j.losses.dl4j.KerasLogCosh;
import java.util.Map;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code keras.losses.LogCosh}: {@code mean(log(cosh(y_pred - y_true)), axis=-1)}. Takes Keras's {@code reduction} and {@code name} (default
 * {@code "log_cosh"}).
 * <pre>{@code model.compile("adam", new LogCosh())      new LogCosh().reduction(Reduction.SUM)}</pre>
 */
public final class LogCosh extends LossFunctionWrapper<LogCosh> {

    private static final LossArguments ARGUMENTS = LossArguments.of("LogCosh", "log_cosh");

    /** Keras's defaults. */
    public LogCosh() {
        super(ARGUMENTS);
    }

    private LogCosh(String name, Reduction reduction, Map<String, Object> values) {
        super(ARGUMENTS, name, reduction, values);
    }

    @Override
    LogCosh copy(String name, Reduction reduction, Map<String, Object> values) {
        return new LogCosh(name, reduction, values);
    }

    @Override
    public ILossFunction toDl4j() {
        return new KerasLogCosh();
    }
}
