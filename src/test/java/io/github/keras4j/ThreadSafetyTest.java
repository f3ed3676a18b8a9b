package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.layers.Dense;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.cpu.nativecpu.NDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What {@link Sequential}'s Javadoc promises about threads. */
class ThreadSafetyTest {

    private static final float[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] Y = {{0}, {1}, {1}, {0}};
    private static final int THREADS = 8;
    /** Calls per thread, predict and evaluate in turn (issue 17: 8 threads, 1000 calls each). */
    private static final int CALLS = 1000;
    /** Smaller than most threads' inputs, so that their calls run several batches. */
    private static final int BATCH_SIZE = 4;

    private static Sequential trained() {
        Sequential model = new Sequential();
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.seed(3);
        model.compile("adam", "binary_crossentropy", "accuracy");
        StdoutCapture.capture(() -> model.fit(X, Y, Fit.epochs(20).verbose(0)));
        return model;
    }

    @Test
    void eightThreadsPredictAndEvaluateAThousandTimesEachAsOneThreadWould() throws Exception {
        Sequential model = trained();
        // Each thread has its own inputs (and batch count), so that a result computed in another thread's
        // buffers, or from another thread's input, shows as a difference.
        INDArray[] inputs = new INDArray[THREADS];
        INDArray[] labels = new INDArray[THREADS];
        float[][][] expectedPredictions = new float[THREADS][][];
        double[][] expectedScores = new double[THREADS][];
        for (int thread = 0; thread < THREADS; thread++) {
            Random random = new Random(thread);
            int rows = 3 + thread;
            float[][] x = new float[rows][2];
            float[][] y = new float[rows][1];
            for (int row = 0; row < rows; row++) {
                x[row][0] = random.nextFloat();
                x[row][1] = random.nextFloat();
                y[row][0] = random.nextBoolean() ? 1 : 0;
            }
            inputs[thread] = Nd4j.createFromArray(x);
            labels[thread] = Nd4j.createFromArray(y);
            expectedPredictions[thread] = model.predict(inputs[thread], BATCH_SIZE, 0).toFloatMatrix();
            expectedScores[thread] = model.evaluate(inputs[thread], labels[thread], BATCH_SIZE, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int id = thread;
                results.add(pool.submit(() -> {
                    start.await();
                    int predictDifferences = 0;
                    int evaluateDifferences = 0;
                    for (int call = 0; call < CALLS; call += 2) {
                        float[][] predicted = model.predict(inputs[id], BATCH_SIZE, 0).toFloatMatrix();
                        predictDifferences += Arrays.deepEquals(expectedPredictions[id], predicted) ? 0 : 1;
                        double[] scores = model.evaluate(inputs[id], labels[id], BATCH_SIZE, 0);
                        evaluateDifferences += Arrays.equals(expectedScores[id], scores) ? 0 : 1;
                    }
                    return "thread " + id + ": " + predictDifferences + " predictions and " + evaluateDifferences
                            + " evaluations (" + CALLS + " calls) differ from a single-threaded run";
                }));
            }
            start.countDown();
            for (int thread = 0; thread < THREADS; thread++) {
                assertEquals("thread " + thread + ": 0 predictions and 0 evaluations (" + CALLS + " calls) differ from "
                        + "a single-threaded run", results.get(thread).get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictFromAnotherThreadDuringFitIsRefusedClearly() throws Exception {
        Sequential model = trained();
        CountDownLatch fitting = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        LambdaCallback hold = new LambdaCallback().onEpochEnd((epoch, logs) -> {
            fitting.countDown();
            try {
                checked.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Callbacks run in the fitting thread and may predict.
            model.predict(Nd4j.createFromArray(X), 32, 0);
        });
        Thread trainer = new Thread(() -> model.fit(X, Y, Fit.epochs(1).verbose(0).callbacks(hold)), "trainer");
        trainer.start();
        assertTrue(fitting.await(1, TimeUnit.MINUTES));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> model.predict(Nd4j.createFromArray(X), 32, 0));
        assertTrue(refused.getMessage().contains("is being trained by fit() in thread 'trainer'"),
                refused.getMessage());
        assertThrows(IllegalStateException.class, () -> model.fit(X, Y, Fit.epochs(1).verbose(0)));
        checked.countDown();
        trainer.join(TimeUnit.MINUTES.toMillis(1));
        // After fit returns, every thread may predict again.
        assertEquals(4, model.predict(Nd4j.createFromArray(X), 32, 0).rows());
    }

    @Test
    void predictionsRunSideBySideWhileFitWaitsForThem() throws Exception {
        Sequential model = trained();
        INDArray x = Nd4j.createFromArray(X);
        INDArray expected = model.predict(x, 32, 0);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        // Reading the input runs inside predict: the first thread waits there for a second thread's whole predict.
        AtomicBoolean held = new AtomicBoolean();
        INDArray holding = new NDArray(x.data().dup(), x.shape(), x.stride(), 0, x.ordering(), x.dataType()) {
            @Override
            public int rank() {
                if (Thread.currentThread().getName().equals("first") && held.compareAndSet(false, true)) {
                    inside.countDown();
                    try {
                        otherDone.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.rank();
            }
        };
        model.predict(x, 32, 0);
        ExecutorService first = Executors.newSingleThreadExecutor(task -> new Thread(task, "first"));
        try {
            Future<INDArray> heldPrediction = first.submit(() -> model.predict(holding, 32, 0));
            assertTrue(inside.await(1, TimeUnit.MINUTES));
            assertEquals(expected, model.predict(x, 32, 0), "a second thread predicts while the first is inside");
            otherDone.countDown();
            assertEquals(expected, heldPrediction.get(1, TimeUnit.MINUTES));
        } finally {
            otherDone.countDown();
            first.shutdownNow();
        }
    }
}
