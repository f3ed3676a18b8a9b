package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** predict and evaluate through compiled inference: DL4J's numbers, one row included, from many threads at once. */
class CompiledInferenceTest {

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 12, 4).subi(0.5);
    private static final INDArray Y = Nd4j.rand(DataType.FLOAT, 12, 3);

    @AfterEach
    void compiledStepsOn() {
        Backend.compiledSteps(true);
    }

    private static Sequential trained() {
        Sequential model = new Sequential().seed(31);
        model.add(new Dense(8, "relu").inputDim(4));
        model.add(new BatchNormalization());
        model.add(new Dropout(0.3));
        model.add(new Dense(3, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "binary_accuracy");
        model.fit(X, Y, Fit.epochs(5).batchSize(4).verbose(0));
        return model;
    }

    private static INDArray rows(long from, long to) {
        return X.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Test
    void predictsAndEvaluatesAsDl4jForEveryBatchSize() {
        Sequential model = trained();
        for (int batch : new int[] {1, 5, 12}) {
            Backend.compiledSteps(false);
            INDArray expected = model.predict(X, batch, 0);
            double[] expectedScores = model.evaluate(X, Y, batch, 0);
            Backend.compiledSteps(true);
            SameNumbers.assertSame(expected, model.predict(X, batch, 0), "predict, batch " + batch);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedScores, model.evaluate(X, Y, batch, 0),
                    "evaluate, batch " + batch);
        }
        Backend.compiledSteps(false);
        INDArray oneRow = model.predict(rows(3, 4), 32, 0);
        Backend.compiledSteps(true);
        SameNumbers.assertSame(oneRow, model.predict(rows(3, 4), 32, 0), "one row");
    }

    @Test
    void eightThreadsPredictWhatOneThreadPredicts() throws Exception {
        Sequential model = trained();
        List<INDArray> expected = new ArrayList<>();
        for (int row = 0; row < 12; row++) {
            expected.add(model.predict(rows(row, row + 1), 32, 0));
        }
        INDArray expectedAll = model.predict(X, 32, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int call = 0; call < 150; call++) {
                        int row = (call * 7 + offset) % 12;
                        SameNumbers.assertSame(expected.get(row), model.predict(rows(row, row + 1), 32, 0),
                                "row " + row);
                        if (call % 10 == 0) {
                            SameNumbers.assertSame(expectedAll, model.predict(X, 32, 0), "all rows");
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(150, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWarmInferenceCreatesOnlyThePredictionsArray() {
        Sequential model = trained();
        List<LayerStep> steps = new ArrayList<>();
        for (io.github.keras4j.layers.Layer layer : model.layers()) {
            steps.add(layer::compile);
        }
        CompiledInference inference = CompiledInference.of(model.network(), steps, new long[] {4}, 3);
        INDArray one = rows(0, 1);
        inference.predict(one);
        inference.evaluate(X, Y, null);
        inference.evaluate(X, Y, new double[12]);
        assertEquals(1, NewBuffers.countedIn(() -> inference.predict(one)),
                "the result of predict (a new data buffer, its shape descriptor shared), nothing else");
        INDArray firstRows = rows(0, 5);
        INDArray middleRows = rows(5, 10);
        INDArray lastRows = rows(10, 12);
        inference.predict(firstRows, null, null, 12, 0);
        inference.predict(lastRows, null, null, 12, 10);
        INDArray[] whole = new INDArray[1];
        assertEquals(NewBuffers.countedIn(() -> Nd4j.createUninitialized(DataType.FLOAT, 12, 3)),
                NewBuffers.countedIn(() -> {
                    whole[0] = inference.predict(firstRows, null, null, 12, 0);
                    inference.predict(middleRows, null, whole[0], 12, 5);
                }), "a prediction in batches: one array for all its rows, nothing else");
        inference.predict(lastRows, null, whole[0], 12, 10);
        SameNumbers.assertSame(Nd4j.concat(0, inference.predict(firstRows), inference.predict(middleRows),
                inference.predict(lastRows)), whole[0], "the batches' rows");
        assertEquals(0, NewBuffers.countedIn(() -> {
            inference.evaluate(X, Y, null);
            inference.evaluate(X, Y, new double[12]);
        }));
    }
}
