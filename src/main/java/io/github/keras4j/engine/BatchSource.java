package io.github.keras4j.engine;

/** Where an epoch's batches come from: arrays cut into batches, or a DataSetIterator. */
interface BatchSource {

    /** The number of batches per epoch, or null while unknown (an iterator before its first full pass). */
    Integer steps();

    /**
     * Starts an epoch: rewinds, and shuffles if this source shuffles.
     *
     * @param epoch the network's epoch count, which orders the shuffle so that a restored model resumes exactly
     */
    void startEpoch(long epoch);

    boolean hasNext();

    Batch next();
}
