package io.github.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of in-memory arrays: in order, or shuffled per epoch by the seed and the epoch alone, each sample's
 * features, labels, label values, weight and mask staying together, every sample once per epoch, the last batch
 * smaller; for sequences (rank 3 with a mask), images flattened to rows and arrays in f order too.
 */
class ArrayBatchesTest {

    private static final int ROWS = 11;
    private static final int BATCH = 4;

    /** Sample i's features are i + (position)/100, so that a batch tells which samples it holds. */
    private static INDArray features(long... sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = ROWS;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray array = Nd4j.create(DataType.FLOAT, shape);
        long perSample = array.length() / ROWS;
        INDArray flat = array.reshape('c', ROWS, perSample);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < perSample; j++) {
                flat.putScalar(i, j, i + j / 100.0);
            }
        }
        return array;
    }

    private static int[] samplesOf(Batch batch) {
        INDArray flat = batch.features().reshape('c', batch.rows(), batch.features().length() / batch.rows());
        int[] samples = new int[batch.rows()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) Math.round(flat.getDouble(i, 0));
        }
        return samples;
    }

    /** Runs one epoch and checks each batch's parts belong to its samples; returns the samples in order. */
    private static List<Integer> epoch(ArrayBatches batches, long epoch, INDArray features, INDArray labels,
            double[] weights, INDArray mask) {
        List<Integer> seen = new ArrayList<>();
        batches.startEpoch(epoch);
        int batchCount = 0;
        while (batches.hasNext()) {
            Batch batch = batches.next();
            batchCount++;
            int[] samples = samplesOf(batch);
            assertEquals(batchCount == 3 ? ROWS - 2 * BATCH : BATCH, samples.length, "batch size");
            for (int i = 0; i < samples.length; i++) {
                int sample = samples[i];
                seen.add(sample);
                assertEquals(features.get(org.nd4j.linalg.indexing.NDArrayIndex.point(sample)),
                        batch.features().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)), "features");
                assertEquals(labels.getDouble(sample, 0), batch.labels().getDouble(i, 0), 0.0, "labels");
                assertEquals(labels.getDouble(sample, 1), batch.labelValues()[2 * i + 1], 0.0, "label values");
                if (weights != null) {
                    assertEquals(weights[sample], batch.sampleWeights()[i], 0.0, "weight");
                }
                if (mask != null) {
                    assertEquals(mask.getRow(sample), batch.mask().getRow(i), "mask");
                }
            }
        }
        assertEquals(steps(), batchCount);
        assertEquals(steps(), batches.steps());
        return seen;
    }

    private static int steps() {
        return (ROWS + BATCH - 1) / BATCH;
    }

    private static INDArray labels() {
        INDArray labels = Nd4j.create(DataType.FLOAT, ROWS, 2);
        for (int i = 0; i < ROWS; i++) {
            labels.putScalar(i, 0, -i);
            labels.putScalar(i, 1, 10 * i);
        }
        return labels;
    }

    @Test
    void inOrderWithoutASeed() {
        INDArray features = features(3);
        INDArray labels = labels();
        ArrayBatches batches = new ArrayBatches(features, labels, null, BATCH, null);
        List<Integer> seen = epoch(batches, 0, features, labels, null, null);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i, seen.get(i));
        }
        assertEquals(seen, epoch(batches, 1, features, labels, null, null), "every epoch in the given order");
        batches.startEpoch(2);
        INDArray firstFeatures = batches.next().features();
        assertSame(firstFeatures, batches.next().features(), "full batches copied into the same arrays");

        INDArray sequences = features(5, 2).dup('f');
        INDArray mask = Nd4j.create(DataType.FLOAT, ROWS, 5);
        for (int i = 0; i < ROWS; i++) {
            mask.putScalar(i, i % 5, 1);
        }
        double[] weights = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            weights[i] = 2.0 * i;
        }
        assertEquals(seen, epoch(new ArrayBatches(sequences, labels, mask, weights, BATCH, null), 0, sequences,
                labels, weights, mask), "f-order sequences with a mask and weights, in order");
    }

    @Test
    void shuffledByTheSeedAndTheEpochAlone() {
        INDArray features = features(3);
        INDArray labels = labels();
        double[] weights = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            weights[i] = 0.5 + i;
        }
        ArrayBatches batches = new ArrayBatches(features, labels, weights, BATCH, 42L);
        List<Integer> first = epoch(batches, 0, features, labels, weights, null);
        List<Integer> second = epoch(batches, 1, features, labels, weights, null);
        assertEquals(ROWS, first.stream().distinct().count(), "every sample once");
        assertEquals(ROWS, second.stream().distinct().count(), "every sample once");
        assertNotEquals(first, second, "each epoch its own order");
        assertEquals(first, epoch(new ArrayBatches(features, labels, weights, BATCH, 42L), 0, features, labels,
                weights, null), "a new source with the same seed, same epoch: the same order");
        assertEquals(second, epoch(batches, 1, features, labels, weights, null), "an epoch repeated");
        assertNotEquals(first, epoch(new ArrayBatches(features, labels, weights, BATCH, 43L), 0, features, labels,
                weights, null), "another seed");
        boolean shuffled = false;
        for (int i = 0; i < ROWS; i++) {
            shuffled |= first.get(i) != i;
        }
        assertTrue(shuffled, "shuffled");
        batches.startEpoch(2);
        INDArray firstFeatures = batches.next().features();
        assertSame(firstFeatures, batches.next().features(), "full batches gathered into the same arrays");
    }

    @Test
    void sequencesWithTheirMasksImagesAndFOrderArrays() {
        INDArray sequences = features(5, 2);
        INDArray labels = labels();
        INDArray mask = Nd4j.create(DataType.FLOAT, ROWS, 5);
        for (int i = 0; i < ROWS; i++) {
            for (int t = 0; t <= i % 5; t++) {
                mask.putScalar(i, t, 1);
            }
        }
        epoch(new ArrayBatches(sequences, labels, mask, null, BATCH, 7L), 3, sequences, labels, null, mask);
        INDArray images = features(2, 3, 3);
        epoch(new ArrayBatches(images, labels, null, BATCH, 7L), 3, images, labels, null, null);
        INDArray fOrder = features(6).dup('f');
        INDArray fLabels = labels.dup('f');
        List<Integer> fromF = epoch(new ArrayBatches(fOrder, fLabels, null, BATCH, 7L), 3, fOrder, fLabels, null,
                null);
        INDArray cOrder = features(6);
        assertEquals(fromF, epoch(new ArrayBatches(cOrder, labels, null, BATCH, 7L), 3, cOrder, labels, null, null),
                "the order does not depend on the arrays' layout");
    }

    @Test
    void oneBatchOfAllRowsIsNotShuffled() {
        INDArray features = features(3);
        INDArray labels = labels();
        ArrayBatches batches = new ArrayBatches(features, labels, null, ROWS, 42L);
        batches.startEpoch(0);
        Batch batch = batches.next();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, samplesOf(batch));
        assertFalse(batches.hasNext());
    }
}
