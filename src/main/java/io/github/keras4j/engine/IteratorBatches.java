package io.github.keras4j.engine;

import io.github.keras4j.Fit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The batches a DataSetIterator gives, checked one by one; their number is learned during the first epoch. */
final class IteratorBatches implements BatchSource {

    private final DataSetIterator iterator;
    private final DataCheck check;
    private Integer steps;
    private int served;
    private boolean started;

    IteratorBatches(DataSetIterator iterator, DataCheck check) {
        this.iterator = iterator;
        this.check = check;
    }

    /**
     * The batches of {@code iterator} for a fit, refusing the options an iterator cannot honour (as Keras's data
     * adapters refuse them for a generator): a batch size, a validation split, shuffling, per-sample weights, and
     * several epochs from an iterator that cannot be reset.
     */
    static IteratorBatches forFit(DataSetIterator iterator, Fit fit, DataCheck check) {
        if (fit.batchSize() != null) {
            throw new IllegalArgumentException("batch_size=" + fit.batchSize() + " was given with a DataSetIterator, "
                    + "which makes its own batches: leave batchSize unset");
        }
        if (fit.validationSplit() > 0) {
            throw new IllegalArgumentException("validation_split is only supported for arrays, not for a "
                    + "DataSetIterator: give validationData(x, y) instead");
        }
        if (fit.shuffleGiven() && fit.shuffle()) {
            throw new IllegalArgumentException("shuffle=true cannot reorder a DataSetIterator, which gives its "
                    + "batches in its own order: shuffle the data source, or load it into arrays");
        }
        if (fit.sampleWeight() != null) {
            throw new IllegalArgumentException("sample_weight gives one weight per row of arrays, which a "
                    + "DataSetIterator does not have; weigh its samples by class with classWeight, or train on arrays");
        }
        if (fit.epochs() - fit.initialEpoch() > 1 && !iterator.resetSupported()) {
            throw new IllegalArgumentException("the DataSetIterator " + iterator.getClass().getSimpleName()
                    + " cannot be reset, so it cannot feed " + fit.epochs() + " epochs");
        }
        return new IteratorBatches(iterator, check);
    }

    @Override
    public Integer steps() {
        return steps;
    }

    @Override
    public void startEpoch(long epoch) {
        if (started && steps == null) {
            steps = served;
        }
        if (iterator.resetSupported()) {
            // Also before the first epoch: the iterator may have fed an earlier fit or evaluate.
            iterator.reset();
        } else if (started) {
            throw new IllegalStateException("the DataSetIterator " + iterator.getClass().getSimpleName()
                    + " cannot be reset, so it cannot feed more than one epoch; use Fit.epochs(1) or an "
                    + "iterator that supports reset()");
        }
        started = true;
        served = 0;
    }

    @Override
    public boolean hasNext() {
        return iterator.hasNext();
    }

    @Override
    public Batch next() {
        DataSet dataSet = iterator.next();
        String where = "batch " + (served + 1) + " of the iterator";
        served++;
        if (dataSet.getFeaturesMaskArray() != null || dataSet.getLabelsMaskArray() != null) {
            throw new UnsupportedOperationException(where + " has mask arrays; masks are not supported");
        }
        INDArray features = check.features("x (" + where + ")", dataSet.getFeatures());
        INDArray labels = check.labels("y (" + where + ")", dataSet.getLabels(), "x (" + where + ")", features);
        return new Batch(features, labels, DataCheck.labelValues(labels), null, check.mask(features));
    }
}
