package io.github.keras4j.metrics;

import static io.github.keras4j.metrics.Batches.column;
import static io.github.keras4j.metrics.Batches.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Backend;
import io.github.keras4j.internal.Registry;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry: Keras's names and aliases, the names Keras logs (checked against the History keys tf_keras 2.21
 * printed after {@code fit}), the resolution of "accuracy" and the compatibility checks.
 */
class MetricsTest {

    @BeforeEach
    void freshSession() {
        Backend.clearSession();
    }

    @Test
    void functionAndClassNamesGiveTheConstant() {
        assertSame(Metrics.BINARY_ACCURACY, Metrics.get("binary_accuracy"));
        assertSame(Metrics.BINARY_ACCURACY, Metrics.get("BinaryAccuracy"));
        assertSame(Metrics.CATEGORICAL_ACCURACY, Metrics.get("CategoricalAccuracy"));
        assertSame(Metrics.SPARSE_CATEGORICAL_ACCURACY, Metrics.get("SparseCategoricalAccuracy"));
        assertSame(Metrics.MEAN_SQUARED_ERROR, Metrics.get("MeanSquaredError"));
        assertSame(Metrics.MEAN_ABSOLUTE_ERROR, Metrics.get("mean_absolute_error"));
        assertSame(Metrics.PRECISION, Metrics.get("Precision"));
        assertSame(Metrics.RECALL, Metrics.get("Recall"));
        assertSame(Metrics.AUC, Metrics.get("AUC"));
        assertSame(Metrics.AUC, Metrics.get("auc"));
        assertSame(Metrics.ACCURACY, Metrics.get("accuracy"));
    }

    @Test
    void namesAreWhatKerasLogs() {
        // tf_keras 2.21 History keys for these compile(metrics=[...]) strings.
        assertEquals("acc", Metrics.get("acc").kerasName());
        assertEquals("ACC", Metrics.get("ACC").kerasName());
        assertEquals("Accuracy", Metrics.get("Accuracy").kerasName());
        assertEquals("accuracy", Metrics.get("accuracy").kerasName());
        assertEquals("mse", Metrics.get("mse").kerasName());
        assertEquals("MSE", Metrics.get("MSE").kerasName());
        assertEquals("mae", Metrics.get("mae").kerasName());
        assertEquals("MAE", Metrics.get("MAE").kerasName());
        assertEquals("mean_squared_error", Metrics.get("MeanSquaredError").kerasName());
        assertEquals("binary_accuracy", Metrics.get("BinaryAccuracy").kerasName());
        assertEquals("precision", Metrics.get("Precision").kerasName());
        assertEquals("recall", Metrics.get("Recall").kerasName());
        assertEquals("auc", Metrics.get("AUC").kerasName());
        // Keras's compile lower-cases before matching accuracy.
        assertEquals("aCc", Metrics.get("aCc").resolve(1, 1).kerasName());
    }

    @Test
    void aliasesComputeTheSameAsTheirConstant() {
        assertEquals(evaluate(Metrics.MEAN_SQUARED_ERROR, column(1, 2), column(2, 4)),
                evaluate(Metrics.get("mse"), column(1, 2), column(2, 4)));
        assertEquals(2.5, evaluate(Metrics.get("MSE"), column(1, 2), column(2, 4)));
        assertEquals(1.5, evaluate(Metrics.get("mae"), column(1, 2), column(2, 4)));
        assertEquals(0.5, evaluate(Metrics.PRECISION, column(1, 0), column(0.9, 0.8)));
        assertEquals(1.0, evaluate(Metrics.RECALL, column(1, 0), column(0.9, 0.8)));
        assertEquals(1.0, evaluate(Metrics.AUC, column(1, 0), column(0.9, 0.1)));
        assertEquals(0.5, evaluate(Metrics.BINARY_ACCURACY, column(1, 0), column(0.9, 0.8)));
    }

    @Test
    void unknownNamesListTheValidOnesAndTheClosest() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Metrics.get("binary_acuracy"));
        assertEquals("unknown metric 'binary_acuracy'; did you mean 'binary_accuracy'? valid: binary_accuracy,"
                + " accuracy, categorical_accuracy, sparse_categorical_accuracy, mean_squared_error,"
                + " mean_absolute_error, precision, recall, auc, BinaryAccuracy, acc, ACC, Accuracy,"
                + " CategoricalAccuracy, SparseCategoricalAccuracy, mse, MSE, MeanSquaredError, mae, MAE,"
                + " MeanAbsoluteError, Precision, Recall, AUC", error.getMessage());
        // Keras matches other names exactly.
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("Mse"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.get(null));
        assertEquals(List.of("binary_accuracy", "accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
                "mean_squared_error", "mean_absolute_error", "precision", "recall", "auc"),
                Registry.canonicalNames(Metrics.class));
    }

    @Test
    void accuracyResolvesFromTheShapesAsKerasCompileDoes() {
        // One output unit: binary, whatever the labels.
        Metric binary = Metrics.get("accuracy").resolve(1, 1);
        assertInstanceOf(BinaryAccuracy.class, binary);
        assertEquals("accuracy", binary.kerasName());
        assertEquals(0.5, ((BinaryAccuracy) binary).threshold());
        // Labels of one column and several outputs: sparse categorical.
        Metric sparse = Metrics.get("acc").resolve(3, 1);
        assertInstanceOf(SparseCategoricalAccuracy.class, sparse);
        assertEquals("acc", sparse.kerasName());
        // Otherwise categorical.
        Metric categorical = Metrics.ACCURACY.resolve(3, 3);
        assertInstanceOf(CategoricalAccuracy.class, categorical);
        assertEquals("accuracy", categorical.kerasName());
        // Each computes its own kind: class 1 of 2 labels as an index and one-hot.
        assertEquals(1.0, evaluate(sparse, column(1), new double[][] {{0.2, 0.7, 0.1}}));
        assertEquals(1.0, evaluate(categorical, new double[][] {{0, 1, 0}}, new double[][] {{0.2, 0.7, 0.1}}));
        assertEquals(1.0, evaluate(binary, column(1), column(0.7)));
        // Every other metric resolves to itself.
        assertSame(Metrics.MEAN_SQUARED_ERROR, Metrics.MEAN_SQUARED_ERROR.resolve(3, 1));
        Precision precision = new Precision();
        assertSame(precision, precision.resolve(2, 2));
    }

    @Test
    void unresolvedAccuracyHasNoState() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Metrics.ACCURACY.newState());
        assertEquals("metric 'accuracy' is binary, categorical or sparse categorical accuracy depending on the shapes"
                + " of the model's output and labels: call resolve(outputUnits, labelColumns) first, as compile does",
                error.getMessage());
    }

    @Test
    void checkCompatibleRejectsWhatCannotWork() {
        assertEquals("metric 'categorical_accuracy' (categorical_accuracy) needs one output unit per class, at least 2,"
                + " but the model has 1 output unit: for a single sigmoid unit use binary_accuracy",
                message(() -> Metrics.CATEGORICAL_ACCURACY.checkCompatible(1, 1)));
        assertEquals("metric 'categorical_accuracy' (categorical_accuracy) needs one-hot labels with one column per"
                + " output unit (3), but the labels have 1 column: for integer class labels in one column use"
                + " sparse_categorical_accuracy", message(() -> Metrics.CATEGORICAL_ACCURACY.checkCompatible(3, 1)));
        assertEquals("metric 'categorical_accuracy' (categorical_accuracy) needs one-hot labels with one column per"
                + " output unit (3), but the labels have 2 columns: give one-hot labels with 3 columns",
                message(() -> Metrics.CATEGORICAL_ACCURACY.checkCompatible(3, 2)));
        assertEquals("metric 'sparse_categorical_accuracy' (sparse_categorical_accuracy) needs labels of one column"
                + " holding class indices, but the labels have 3 columns: for one-hot labels use categorical_accuracy",
                message(() -> Metrics.SPARSE_CATEGORICAL_ACCURACY.checkCompatible(3, 3)));
        assertEquals("metric 'sparse_categorical_accuracy' (sparse_categorical_accuracy) needs one output unit per"
                + " class, at least 2, but the model has 1 output unit: for a single sigmoid unit use binary_accuracy",
                message(() -> Metrics.SPARSE_CATEGORICAL_ACCURACY.checkCompatible(1, 1)));
        assertEquals("metric 'binary_accuracy' (binary_accuracy) compares labels and outputs element by element, but"
                + " the labels have 1 column and the model has 3 output units: give labels with 3 columns, one per"
                + " output unit, or use sparse_categorical_accuracy for integer class labels",
                message(() -> Metrics.BINARY_ACCURACY.checkCompatible(3, 1)));
        assertEquals("metric 'mse' (mean_squared_error) compares labels and outputs element by element, but the"
                + " labels have 2 columns and the model has 1 output unit: give labels with 1 column, one per output"
                + " unit", message(() -> Metrics.get("mse").checkCompatible(1, 2)));
        assertEquals("metric 'acc' (categorical_accuracy) needs one-hot labels with one column per output unit (3),"
                + " but the labels have 2 columns: give one-hot labels with 3 columns",
                message(() -> Metrics.get("acc").checkCompatible(3, 2)));
        assertEquals("metric 'auc': output units must be positive, received: 0",
                message(() -> Metrics.AUC.checkCompatible(0, 1)));
        assertEquals("metric 'recall': label columns must be positive, received: -1",
                message(() -> Metrics.RECALL.checkCompatible(1, -1)));

        Metrics.BINARY_ACCURACY.checkCompatible(4, 4);
        Metrics.ACCURACY.checkCompatible(1, 1);
        Metrics.ACCURACY.checkCompatible(5, 1);
        Metrics.ACCURACY.checkCompatible(5, 5);
        Metrics.SPARSE_CATEGORICAL_ACCURACY.checkCompatible(2, 1);
        Metrics.MEAN_ABSOLUTE_ERROR.checkCompatible(2, 2);
        Metrics.AUC.checkCompatible(3, 3);
    }

    @Test
    void resolveAllResolvesChecksAndNamesAsKerasCompile() {
        List<Metric> resolved = Metrics.resolveAll(List.of(Metrics.get("acc"), Metrics.get("mse"),
                Metrics.get("Precision"), Metrics.get("Precision"), new Recall().name("r")), 1, 1);
        assertEquals(List.of("acc", "mse", "precision", "precision_1", "r"),
                resolved.stream().map(Metric::kerasName).toList());
        assertInstanceOf(BinaryAccuracy.class, resolved.get(0));
        assertInstanceOf(Precision.class, resolved.get(3));
        // Numbering is per compile, as Keras's per-trace name counter.
        assertEquals("precision", Metrics.resolveAll(List.of(Metrics.PRECISION), 1, 1).get(0).kerasName());

        assertEquals("Found two metrics with the same name: mean_squared_error. All the metrics added to the model"
                + " need to have unique names.", message(() -> Metrics.resolveAll(
                        List.of(Metrics.get("mean_squared_error"), Metrics.get("MeanSquaredError")), 1, 1)));
        assertEquals("Found two metrics with the same name: precision. All the metrics added to the model need to"
                + " have unique names.", message(() -> Metrics.resolveAll(
                        List.of(new Precision(), Metrics.get("Precision")), 1, 1)));
        assertEquals("metric 'accuracy' (categorical_accuracy) needs one-hot labels with one column per output unit"
                + " (3), but the labels have 2 columns: give one-hot labels with 3 columns",
                message(() -> Metrics.resolveAll(List.of(Metrics.ACCURACY), 3, 2)));
    }

    private static String message(org.junit.jupiter.api.function.Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }
}
