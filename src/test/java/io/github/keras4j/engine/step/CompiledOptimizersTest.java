package io.github.keras4j.engine.step;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.regularizers.Regularizers;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every optimizer, with its Keras options and Keras 2's learning-rate decay, trains through the compiled step exactly
 * as through DL4J's fit: the same loss at each of 100 steps and the same weights, bit for bit (the compiled updater
 * runs the operations DL4J's updater runs, with the same arguments).
 */
class CompiledOptimizersTest {

    static Stream<Arguments> optimizers() {
        List<Supplier<Optimizer>> all = List.of(
                () -> new SGD(0.1),
                () -> new SGD(0.1).momentum(0.9),
                () -> new SGD(0.1).momentum(0.9).nesterov(true),
                () -> new SGD(0.1).momentum(0.5).decay(0.01),
                () -> new Adam(0.01),
                () -> new Adam(0.01).amsgrad(true),
                () -> new Adam(0.01).decay(0.05),
                () -> new Adamax(0.01),
                () -> new Nadam(0.01),
                () -> new Nadam(0.01).scheduleDecay(0.004),
                () -> new Adagrad(0.1),
                () -> new Adagrad(0.1).decay(0.01),
                () -> new Adadelta(1.0),
                () -> new Adadelta(0.5),
                () -> new RMSprop(0.01),
                () -> new RMSprop(0.01).momentum(0.5),
                () -> new RMSprop(0.01).centered(true),
                () -> new RMSprop(0.01).centered(true).momentum(0.3),
                () -> new RMSprop(0.01).centered(true).epsilonOutsideSqrt(true),
                () -> new RMSprop(0.01).epsilonOutsideSqrt(true).decay(0.02),
                () -> new RMSprop(0.01).rho(0.0));
        return all.stream().flatMap(optimizer -> Stream.of(Arguments.of(optimizer.get(), "float32"),
                Arguments.of(optimizer.get(), "float64")));
    }

    private static INDArray x(DataType type) {
        Nd4j.getRandom().setSeed(4);
        return Nd4j.rand(type, 8, 3).subi(0.5);
    }

    private static INDArray y(DataType type) {
        return Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}, {1}, {0}, {0}, {1}}).castTo(type);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void trainsAsDl4jsFitDoes(Optimizer optimizer, String floatx) {
        Backend.setFloatx(floatx);
        try {
            DataType type = Backend.toDataType(floatx);
            Twins.assertIdentical(() -> {
                Sequential model = new Sequential().seed(8);
                model.add(new Dense(5, "tanh").inputDim(3));
                model.add(new Dense(1, "sigmoid"));
                model.compile(optimizer, "binary_crossentropy", "binary_accuracy");
                return model;
            }, x(type), y(type), Fit.epochs(100));
        } finally {
            Backend.setFloatx("float32");
        }
    }

    @Test
    void kernelAndBiasRegularizersAddTheirPenaltiesAsDl4jDoes() {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(9);
            model.add(new Dense(5, "relu").inputDim(3).kernelRegularizer(Regularizers.l1L2(0.01, 0.02))
                    .biasRegularizer(Regularizers.l2(0.03)));
            model.add(new Dense(1, "sigmoid").kernelRegularizer(Regularizers.l1(0.01)));
            model.compile(new Adam(0.01), "mse", "binary_accuracy");
            return model;
        }, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(100));
    }
}
