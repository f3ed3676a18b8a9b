package io.github.keras4j.engine;

/** Where an epoch's batches come from: arrays cut into batches, or a DataSetIterator. */
interface BatchSource {

    /** The number of batches per epoch, or null while unknown (an iterator before its first full pass). */
    Integer steps();

    /** Starts an epoch: rewinds, and shuffles if this source shuffles. */
    void startEpoch();

    boolean hasNext();

    Batch next();
}
