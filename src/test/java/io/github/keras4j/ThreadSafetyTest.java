package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.layers.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What {@link Sequential}'s Javadoc promises about threads. */
class ThreadSafetyTest {

    private static final float[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] Y = {{0}, {1}, {1}, {0}};

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
        INDArray x = Nd4j.createFromArray(X);
        INDArray y = Nd4j.createFromArray(Y);
        INDArray expected = model.predict(x, 32, 0);
        double[] expectedScores = model.evaluate(x, y, 32, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int id = thread;
                results.add(pool.submit(() -> {
                    int same = 0;
                    for (int call = 0; call < 1000; call++) {
                        if ((call + id) % 10 == 0) {
                            same += java.util.Arrays.equals(expectedScores, model.evaluate(x, y, 32, 0)) ? 1 : 0;
                        } else {
                            same += expected.equals(model.predict(x, 32, 0)) ? 1 : 0;
                        }
                    }
                    return same;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(1000, result.get(5, TimeUnit.MINUTES));
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
        // The normalizer runs inside predict: the first thread waits there for a second thread's whole predict.
        NormalizerStandardize holding = new NormalizerStandardize() {
            @Override
            public void transform(INDArray features) {
                if (Thread.currentThread().getName().equals("first")) {
                    inside.countDown();
                    try {
                        otherDone.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        holding.fit(new DataSet(x, Nd4j.createFromArray(Y)));
        model.normalizer(holding);
        model.predict(x, 32, 0);
        ExecutorService first = Executors.newSingleThreadExecutor(task -> new Thread(task, "first"));
        try {
            Future<INDArray> held = first.submit(() -> model.predict(x, 32, 0));
            assertTrue(inside.await(1, TimeUnit.MINUTES));
            assertEquals(expected, model.predict(x, 32, 0), "a second thread predicts while the first is inside");
            otherDone.countDown();
            assertEquals(expected, held.get(1, TimeUnit.MINUTES));
        } finally {
            otherDone.countDown();
            first.shutdownNow();
        }
    }
}
