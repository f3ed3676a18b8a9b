package io.github.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's optimizer state as Keras 3's optimizer variables, and back. That the values are Keras's is checked against
 * real Keras (keras.KerasFileWriterTest: keras4j goes on training from Keras's files as Keras does; and Keras goes on
 * from keras4j's); here: the order and names, the slots of trainable weights only, the offsets some updaters keep,
 * and the checks on what comes back.
 */
class OptimizerVariablesTest {

    private static final float[][] X = {{0.5f, -1, 2}, {1, 0.25f, -0.5f}, {-1.5f, 1, 0}, {0, 2, 1}};
    private static final float[][] Y = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    private static Sequential trained(Optimizer optimizer) {
        Sequential model = new Sequential("m");
        model.add(new Dense(4).inputDim(3));
        model.add(new BatchNormalization());
        model.add(new PReLU());
        model.add(new Dense(2, "sigmoid"));
        model.seed(11);
        model.compile(optimizer, "mse");
        model.fit(X, Y, Fit.epochs(1).batchSize(2).shuffle(false).verbose(0));
        return model;
    }

    static Stream<Optimizer> optimizers() {
        return Stream.of(new Adam(0.01), new Adam(0.01).amsgrad(true), new Adam(0.01).decay(0.1), new SGD(0.1),
                new SGD(0.1).momentum(0.9), new SGD(0.1).momentum(0.9).nesterov(true), new RMSprop(0.01),
                new RMSprop(0.01).momentum(0.5).centered(true), new RMSprop(0.01).rho(0), new Adagrad(0.1),
                new io.github.keras4j.optimizers.Adadelta(1.0), new io.github.keras4j.optimizers.Adamax(0.01),
                new Nadam(0.01));
    }

    @Test
    void variablesAreInKeras3sOrderWithKeras3sNames() {
        List<String> paths = OptimizerVariables.of(trained(new RMSprop(0.01).momentum(0.5).centered(true))).stream()
                .map(OptimizerVariables.Variable::path).toList();
        List<String> expected = new ArrayList<>(List.of("rm_sprop/iteration", "rm_sprop/learning_rate"));
        // One group per slot kind (velocity, then momentum, then average_gradient), each over the trainable weights
        // in order; BatchNormalization's moving statistics have no slots.
        for (String slot : List.of("velocity", "momentum", "average_gradient")) {
            for (String weight : List.of("dense_kernel", "dense_bias", "batch_normalization_gamma",
                    "batch_normalization_beta", "p_re_lu_alpha", "dense_1_kernel", "dense_1_bias")) {
                expected.add("rm_sprop/m_" + weight + "_" + slot);
            }
        }
        assertEquals(expected, paths);

        Backend.clearSession();
        List<String> adam = OptimizerVariables.of(trained(new Adam())).stream().map(OptimizerVariables.Variable::path)
                .toList();
        // Adam's two slots are created together: interleaved per weight.
        assertEquals(List.of("adam/iteration", "adam/learning_rate", "adam/m_dense_kernel_momentum",
                "adam/m_dense_kernel_velocity", "adam/m_dense_bias_momentum"), adam.subList(0, 5));
    }

    @Test
    void valuesHaveKerasShapesAndTypes() {
        Sequential model = trained(new Adam(0.01));
        List<OptimizerVariables.Variable> variables = OptimizerVariables.of(model);
        assertEquals(DataType.LONG, variables.get(0).value().dataType());
        assertEquals(2L, variables.get(0).value().getLong(0), "4 samples in batches of 2 over one epoch: 2 updates");
        assertEquals(0.01f, variables.get(1).value().getFloat(0));
        assertEquals(DataType.FLOAT, variables.get(1).value().dataType());
        // Keras's kernel layout (inputs, units), as the weight itself.
        assertEquals(List.of(3L, 4L), shape(variables.get(2).value()));
        assertEquals(List.of(4L), shape(variables.get(4).value()));
        assertEquals(2 + 2 * 7, variables.size());
        assertEquals(variables.size(), OptimizerVariables.count(model));
    }

    @Test
    void slotsHeldWithAnOffsetAreGivenAsKerasHoldsThem() {
        // Adagrad's state holds accumulator + epsilon: Keras's accumulator starts at initial_accumulator_value.
        Sequential adagrad = new Sequential(new Dense(2).inputDim(3));
        adagrad.compile(new Adagrad(0.1).epsilon(0.5), "mse");
        INDArray accumulator = OptimizerVariables.of(adagrad).get(2).value();
        assertEquals(Nd4j.valueArrayOf(new long[] {3, 2}, 0.1f), accumulator);
        // RMSprop's non-centered velocity holds velocity + epsilon / rho: Keras's starts at 0.
        Sequential rmsprop = new Sequential(new Dense(2).inputDim(3));
        rmsprop.compile(new RMSprop(0.01).epsilon(0.5), "mse");
        assertEquals(Nd4j.zeros(DataType.FLOAT, 3, 2), OptimizerVariables.of(rmsprop).get(2).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoringTheVariablesGivesTheSameStateAndTheSameNextStep(Optimizer optimizer) {
        Sequential model = trained(optimizer);
        List<OptimizerVariables.Variable> state = OptimizerVariables.of(model);

        Sequential copy = trained(optimizer);
        copy.fit(X, Y, Fit.epochs(2).batchSize(2).shuffle(false).verbose(0));
        copy.setWeights(model.getWeights());
        OptimizerVariables.restore(copy, state.stream().map(OptimizerVariables.Variable::value).toList(), "test");

        List<OptimizerVariables.Variable> restored = OptimizerVariables.of(copy);
        for (int i = 0; i < state.size(); i++) {
            INDArray expected = state.get(i).value();
            double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
            double difference = expected.castTo(DataType.DOUBLE).sub(restored.get(i).value().castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertTrue(difference <= 1e-6 * scale, state.get(i).path() + " differs by " + difference);
        }
        model.fit(X, Y, Fit.epochs(1).batchSize(4).shuffle(false).verbose(0));
        copy.fit(X, Y, Fit.epochs(1).batchSize(4).shuffle(false).verbose(0));
        for (int i = 0; i < model.layers().size(); i++) {
            List<INDArray> expected = model.getWeights(i);
            List<INDArray> actual = copy.getWeights(i);
            for (int w = 0; w < expected.size(); w++) {
                double difference = expected.get(w).sub(actual.get(w)).amaxNumber().doubleValue();
                assertTrue(difference <= 1e-6, "layer " + i + " weight " + w + " differs by " + difference);
            }
        }
    }

    @Test
    void aRestoredLearningRateReplacesTheCompiledOneAndTheIterationCountIsTaken() {
        Sequential model = trained(new Adam(0.01));
        List<INDArray> values = new ArrayList<>(OptimizerVariables.of(model).stream()
                .map(OptimizerVariables.Variable::value).toList());
        values.set(0, Nd4j.scalar(40L));
        values.set(1, Nd4j.scalar(0.002f));
        OptimizerVariables.restore(model, values, "test");
        assertEquals(40, model.network().getLayerWiseConfigurations().getIterationCount());
        assertEquals(0.002, model.learningRate(), 1e-9);
    }

    @Test
    void aStateThatDoesNotFitIsRefusedNamingWhatDiffers() {
        Sequential model = trained(new Adam(0.01));
        List<INDArray> values = new ArrayList<>(OptimizerVariables.of(model).stream()
                .map(OptimizerVariables.Variable::value).toList());
        INDArray before = OptimizerVariables.of(model).get(2).value();

        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> OptimizerVariables.restore(model, values.subList(0, 5), "file.keras"));
        assertEquals("file.keras holds 5 optimizer variables but Adam has 16 for this model (iteration, "
                + "learning_rate, 14 slots)", count.getMessage());

        List<INDArray> wrongShape = new ArrayList<>(values);
        wrongShape.set(2, Nd4j.zeros(DataType.FLOAT, 4, 3));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> OptimizerVariables.restore(model, wrongShape, "file.keras"));
        assertEquals("file.keras: optimizer variable 2 (m_dense_kernel_momentum) has shape [4, 3] but the momentum of "
                + "kernel of layer dense (Dense) has shape [3, 4]", shape.getMessage());

        List<INDArray> negative = new ArrayList<>(values);
        negative.set(0, Nd4j.scalar(-1L));
        assertThrows(IllegalArgumentException.class, () -> OptimizerVariables.restore(model, negative, "f"));
        assertEquals(before, OptimizerVariables.of(model).get(2).value(), "a refused state changes nothing");

        Sequential uncompiled = new Sequential(new Dense(1).inputDim(2));
        IllegalStateException notCompiled = assertThrows(IllegalStateException.class,
                () -> OptimizerVariables.of(uncompiled));
        assertTrue(notCompiled.getMessage().contains("is not compiled"), notCompiled.getMessage());
    }

    private static List<Long> shape(INDArray array) {
        List<Long> shape = new ArrayList<>();
        for (long size : array.shape()) {
            shape.add(size);
        }
        return shape;
    }
}
