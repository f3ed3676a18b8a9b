package io.github.keras4j.data;

import java.io.Closeable;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The batches of a {@link CsvDataset}, read from its file as they are asked for: only one batch is in memory, so a
 * file larger than the memory trains. Made by {@link CsvDataset#iterator()}; it is DL4J's {@link DataSetIterator}
 * (resettable, one pass per epoch, rows in file order, the last batch smaller when the row count is not a multiple
 * of the batch size), and what Keras gets from {@code tf.data.experimental.make_csv_dataset(..., num_epochs=1,
 * shuffle=False)}.
 *
 * <p>A bad row is reported when its batch is read, as a {@link CsvFormatException} naming the line and column.
 * The dataset's normalizer, if any, is the pre-processor and is applied to every batch's features.
 * Close the iterator to release the file before the end is reached; at the end the file is released anyway.
 */
public final class CsvDataSetIterator implements DataSetIterator, Closeable {

    private final CsvDataset dataset;
    private final RowDecoder decoder;
    private final CsvLines lines;
    private final int batchSize;
    private final double[] featureBuffer;
    private final double[] labelBuffer;
    private DataSetPreProcessor preProcessor;

    CsvDataSetIterator(CsvDataset dataset, RowDecoder decoder, DataSetPreProcessor preProcessor) {
        this.dataset = dataset;
        this.decoder = decoder;
        this.batchSize = dataset.batchSize();
        this.featureBuffer = new double[batchSize * decoder.featureWidth()];
        this.labelBuffer = new double[batchSize * decoder.labelWidth()];
        this.preProcessor = preProcessor;
        this.lines = dataset.openAfterHeader();
    }

    @Override
    public boolean hasNext() {
        return lines.hasNext();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** The next {@code num} rows (fewer at the end of the file) as one batch. */
    @Override
    public DataSet next(int num) {
        if (num <= 0) {
            throw new IllegalArgumentException("the number of rows must be positive, received: " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException(dataset.fileName() + " has no more rows after line " + lines.line()
                    + "; call reset() to read it again");
        }
        int featureWidth = decoder.featureWidth();
        int labelWidth = decoder.labelWidth();
        boolean ownBuffers = num <= batchSize;
        double[] features = ownBuffers ? featureBuffer : new double[num * featureWidth];
        double[] labels = ownBuffers ? labelBuffer : new double[num * labelWidth];
        int rows = 0;
        while (rows < num && lines.hasNext()) {
            List<Writable> record = lines.next();
            decoder.decode(record, lines.line(), features, rows * featureWidth, labels, rows * labelWidth);
            rows++;
        }
        INDArray featureMatrix = decoder.matrix(features, rows, featureWidth);
        INDArray labelMatrix = labelWidth == 0 ? null : decoder.matrix(labels, rows, labelWidth);
        DataSet batch = new DataSet(featureMatrix, labelMatrix);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** The number of the line last read (1 right after the header, or after a reset). */
    public long line() {
        return lines.line();
    }

    /** The dataset this iterator reads. */
    public CsvDataset dataset() {
        return dataset;
    }

    @Override
    public int inputColumns() {
        return decoder.featureWidth();
    }

    @Override
    public int totalOutcomes() {
        return decoder.labelWidth();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * False: reading ahead in another thread would move the errors of bad rows to that thread, where they lose
     * their type. keras4j's training loop reads the iterator directly.
     */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts again at the first row. */
    @Override
    public void reset() {
        dataset.rewind(lines);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names of one-hot or class-index labels ("0", "1"... for counted classes); null otherwise. */
    @Override
    public List<String> getLabels() {
        return dataset.classLabels();
    }

    @Override
    public void close() {
        lines.close();
    }

    @Override
    public String toString() {
        return "CsvDataSetIterator{" + dataset.fileName() + ", line " + lines.line() + "}";
    }
}
