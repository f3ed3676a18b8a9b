package io.github.keras4j.engine;

import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.RowGather;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches of in-memory arrays, as Keras slices NumPy arrays: consecutive samples, the last batch smaller, the samples
 * shuffled before each epoch when asked. Features and labels may have any rank (the first axis counts samples), and
 * a timestep mask goes with its samples.
 */
final class ArrayBatches implements BatchSource {

    private final INDArray features;
    private final INDArray labels;
    private final double[] labelValues;
    private final int labelColumns;
    private final int rows;
    private final int batchSize;
    private final Long shuffleSeed;
    private final double[] sampleWeights;
    private final INDArray mask;

    // The epoch's order of the samples (shuffled, or as given), and the arrays batches are gathered into: one set for
    // full batches, one for a smaller last batch, reused from batch to batch and epoch to epoch.
    private int[] epochOrder;
    private GatheredBatch fullBatch;
    private GatheredBatch lastBatch;
    private double[] epochLabelValues;
    private double[] epochSampleWeights;
    private int nextRow;

    /**
     * @param sampleWeights one weight per row, or null
     * @param shuffleSeed the seed of each epoch's random order, or null to keep the rows' order
     */
    ArrayBatches(INDArray features, INDArray labels, double[] sampleWeights, int batchSize, Long shuffleSeed) {
        this(features, labels, null, sampleWeights, batchSize, shuffleSeed);
    }

    /** @param mask the samples' timestep mask {@code [samples, timesteps]}, or null */
    ArrayBatches(INDArray features, INDArray labels, INDArray mask, double[] sampleWeights, int batchSize,
            Long shuffleSeed) {
        this.features = features;
        this.labels = labels;
        this.mask = mask;
        this.labelValues = DataCheck.labelValues(labels);
        // The label values of one sample (every timestep's, for a sequence output).
        this.labelColumns = (int) (labels.length() / labels.size(0));
        this.sampleWeights = sampleWeights;
        this.rows = (int) features.size(0);
        this.batchSize = batchSize;
        // One batch holds every row whatever their order: shuffling it would only permute a sum.
        this.shuffleSeed = rows > batchSize ? shuffleSeed : null;
    }

    @Override
    public Integer steps() {
        // In long: rows + batch_size - 1 overflows an int for batch sizes near 2^31.
        return (int) ((rows + (long) batchSize - 1) / batchSize);
    }

    @Override
    public void startEpoch(long epoch) {
        nextRow = 0;
        if (shuffleSeed == null) {
            epochOrder = givenOrder();
            epochLabelValues = labelValues;
            epochSampleWeights = sampleWeights;
            return;
        }
        int[] order = givenOrder();
        // Each epoch's order follows from the seed and the epoch alone, so a saved and restored model shuffles
        // its next epochs exactly as the original would have.
        Random shuffler = new Random(shuffleSeed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = rows - 1; i > 0; i--) {
            int j = shuffler.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        epochOrder = order;
        epochLabelValues = new double[labelValues.length];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(labelValues, order[i] * labelColumns, epochLabelValues, i * labelColumns, labelColumns);
        }
        if (sampleWeights != null) {
            epochSampleWeights = new double[rows];
            for (int i = 0; i < rows; i++) {
                epochSampleWeights[i] = sampleWeights[order[i]];
            }
        }
    }

    @Override
    public boolean hasNext() {
        return nextRow < rows;
    }

    @Override
    public Batch next() {
        int start = nextRow;
        int end = (int) Math.min(rows, (long) start + batchSize);
        nextRow = end;
        if (start == 0 && end == rows) {
            return new Batch(features, labels, epochLabelValues, epochSampleWeights, mask);
        }
        double[] batchLabels = new double[(end - start) * labelColumns];
        System.arraycopy(epochLabelValues, start * labelColumns, batchLabels, 0, batchLabels.length);
        double[] batchWeights = epochSampleWeights == null ? null
                : Arrays.copyOfRange(epochSampleWeights, start, end);
        // Unshuffled batches are gathered too: a copy of their rows costs less than ND4J's views of them (a view is a
        // new data buffer and shape descriptor, 15-20 us for tutorial 004's features and labels).
        GatheredBatch gathered = gatheredBatch(end - start);
        gathered.gather(epochOrder, start);
        return new Batch(gathered.features, gathered.labels, batchLabels, batchWeights, gathered.mask);
    }

    /** The samples as given: 0, 1, 2... */
    private int[] givenOrder() {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    private GatheredBatch gatheredBatch(int batchRows) {
        if (batchRows == batchSize) {
            if (fullBatch == null) {
                fullBatch = new GatheredBatch(batchRows);
            }
            return fullBatch;
        }
        if (lastBatch == null) {
            lastBatch = new GatheredBatch(batchRows);
        }
        return lastBatch;
    }

    /**
     * The arrays one batch size is gathered into. Each batch's samples are gathered as the batch comes, into arrays
     * reused by every batch of that size: pulling a whole shuffled copy of the data each epoch cost, for mnist_mlp's
     * 1280 rows, 4 MB allocated, zeroed and page-faulted per epoch, 8% of the training time (bench/NOTES.md section
     * 10). The batch is read before the next one is asked for, as the training loop does.
     */
    private final class GatheredBatch {
        final INDArray features;
        final INDArray labels;
        final INDArray mask;
        private final int rows;
        private final RowGather[] gathers;

        GatheredBatch(int batchRows) {
            rows = batchRows;
            features = samplesLike(ArrayBatches.this.features, batchRows);
            labels = samplesLike(ArrayBatches.this.labels, batchRows);
            mask = ArrayBatches.this.mask == null ? null : samplesLike(ArrayBatches.this.mask, batchRows);
            INDArray[] sources = asRows(ArrayBatches.this.features, ArrayBatches.this.labels, ArrayBatches.this.mask);
            INDArray[] destinations = asRows(features, labels, mask);
            gathers = new RowGather[sources.length];
            for (int i = 0; i < sources.length; i++) {
                gathers[i] = new RowGather(sources[i], destinations[i]);
            }
        }

        /** Gathers the samples {@code order[from]} to {@code order[from + rows - 1]}. */
        void gather(int[] order, int from) {
            for (RowGather gather : gathers) {
                gather.gather(order, from, rows);
            }
        }
    }

    /** An array for {@code samples} samples shaped as those of {@code array}, outside any workspace. */
    private static INDArray samplesLike(INDArray array, int samples) {
        long[] shape = array.shape().clone();
        shape[0] = samples;
        return Buffers.outsideWorkspaces(array.dataType(), 'c', shape);
    }

    /**
     * Each of {@code arrays} (null ones left out) with each sample as one row of its c-order flattening: a view where
     * the array is c-order already, as the gathered arrays are.
     */
    private static INDArray[] asRows(INDArray... arrays) {
        return Arrays.stream(arrays).filter(Objects::nonNull)
                .map(array -> array.rank() == 2 ? array
                        : array.reshape('c', array.size(0), array.length() / array.size(0)))
                .toArray(INDArray[]::new);
    }

    /** Samples {@code from} to {@code to} (exclusive) of an array of any rank: the first axis counts samples. */
    static INDArray sampleRange(INDArray array, long from, long to) {
        INDArrayIndex[] indices = new INDArrayIndex[array.rank()];
        indices[0] = NDArrayIndex.interval(from, to);
        for (int axis = 1; axis < indices.length; axis++) {
            indices[axis] = NDArrayIndex.all();
        }
        return array.get(indices);
    }
}
