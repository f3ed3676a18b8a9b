package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.EarlyStopping;
import io.github.keras4j.callbacks.LearningRateScheduler;
import io.github.keras4j.callbacks.ReduceLROnPlateau;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What fit offers besides the step itself, through the compiled step exactly as through DL4J's fit: learning-rate
 * callbacks, EarlyStopping restoring the best weights, validation, float64 with class weights, and training resumed
 * from a saved file (iteration and epoch counters, optimizer state, decay), bit for bit.
 */
class CompiledFitOptionsTest {

    @TempDir
    Path directory;

    private static INDArray x(DataType type) {
        Nd4j.getRandom().setSeed(23);
        return Nd4j.rand(type, 24, 4).subi(0.5).muli(2);
    }

    private static INDArray y(DataType type) {
        INDArray y = Nd4j.zeros(type, 24, 2);
        for (int row = 0; row < 24; row++) {
            y.putScalar(row, (row * 7) % 2, 1);
        }
        return y;
    }

    private static Supplier<Sequential> model(Supplier<Optimizer> optimizer, boolean dropout) {
        return () -> {
            Sequential model = new Sequential().seed(29);
            model.add(new Dense(6, "relu").inputDim(4));
            if (dropout) {
                model.add(new Dropout(0.25));
            }
            model.add(new Dense(2, "softmax"));
            model.compile(optimizer.get(), "categorical_crossentropy", "accuracy");
            return model;
        };
    }

    @Test
    void learningRateScheduler() {
        Twins.assertIdentical(model(() -> new SGD(0.1).momentum(0.9), false), x(DataType.FLOAT), y(DataType.FLOAT),
                () -> Fit.epochs(12).batchSize(5).callbacks(
                        new LearningRateScheduler((epoch, rate) -> epoch < 3 ? rate : rate * 0.7)));
    }

    @Test
    void reduceLearningRateOnPlateauWithDecay() {
        Twins.assertIdentical(model(() -> new Adam(0.05).decay(0.01), false), x(DataType.FLOAT), y(DataType.FLOAT),
                () -> Fit.epochs(20).batchSize(8).validationSplit(0.25).callbacks(
                        new ReduceLROnPlateau().monitor("val_loss").factor(0.5).patience(1).minDelta(1e-3)));
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        Twins.assertIdentical(model(() -> new Adam(0.2), true), x(DataType.FLOAT), y(DataType.FLOAT),
                () -> Fit.epochs(40).batchSize(6).validationData(x(DataType.FLOAT).mul(-0.5), y(DataType.FLOAT))
                        .callbacks(new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)));
    }

    @Test
    void float64WithClassWeightsAndValidationSplit() {
        String floatx = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            Twins.assertIdentical(model(RMSprop::new, true), x(DataType.DOUBLE), y(DataType.DOUBLE),
                    Fit.epochs(15).batchSize(7).validationSplit(0.2).classWeight(Map.of(0, 0.5, 1, 2.0)));
        } finally {
            Backend.setFloatx(floatx);
        }
    }

    /** The second half's history and the weights at the end. */
    private record Resumed(Map<String, List<Double>> history, INDArray params) {
    }

    /** Both halves through one path: saved after 6 epochs, loaded, trained 6 more. */
    private Resumed resumed(boolean compiled, Supplier<Sequential> factory, String file) {
        INDArray x = x(DataType.FLOAT);
        INDArray y = y(DataType.FLOAT);
        return Twins.withCompiledSteps(compiled, () -> {
            Sequential first = factory.get();
            first.fit(x, y, Fit.epochs(6).batchSize(5).verbose(0));
            Path path = directory.resolve(file + compiled + ".keras4j");
            first.save(path);
            Sequential loaded = Sequential.load(path);
            History rest = loaded.fit(x, y, Fit.epochs(12).initialEpoch(6).batchSize(5).verbose(0));
            return new Resumed(rest.history(), loaded.network().params().dup());
        });
    }

    @Test
    void resumingFromASavedFileAsDl4jDoesAndAsAStraightRun() {
        Supplier<Sequential> factory = model(() -> new Adam(0.05).decay(0.05), false);
        Resumed dl4j = resumed(false, factory, "adam");
        Resumed compiled = resumed(true, factory, "adam");
        assertEquals(dl4j.history(), compiled.history(), "losses and metrics after resuming");
        SameNumbers.assertSame(dl4j.params(), compiled.params(), "weights after resuming");
        Twins.Run straight = Twins.compiled(factory, x(DataType.FLOAT), y(DataType.FLOAT), Fit.epochs(12).batchSize(5));
        assertEquals(straight.history().get("loss").subList(6, 12), compiled.history().get("loss"),
                "the losses of a straight run");
        SameNumbers.assertSame(straight.params(), compiled.params(), "the weights of a straight run");
    }

    @Test
    void resumingWithDropoutAsDl4jDoes() {
        Supplier<Sequential> factory = model(() -> new SGD(0.05).momentum(0.9).nesterov(true), true);
        Resumed dl4j = resumed(false, factory, "dropout");
        Resumed compiled = resumed(true, factory, "dropout");
        assertEquals(dl4j.history(), compiled.history(), "losses and metrics after resuming");
        SameNumbers.assertSame(dl4j.params(), compiled.params(), "weights after resuming");
        assertEquals(6, compiled.history().get("loss").size());
    }
}
