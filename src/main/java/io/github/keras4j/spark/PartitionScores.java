package io.github.keras4j.spark;

import io.github.keras4j.engine.RunningMetrics;
import io.github.keras4j.metrics.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Scores the rows of one partition on an executor, as {@code evaluate} scores them on one machine (the loss with
 * its regularization penalty, every metric), in batches of about {@code batchRows} rows: an RDD may hold one row
 * per {@code DataSet} (DataVec's functions make such RDDs). The driver merges the partitions' scores.
 */
final class PartitionScores implements FlatMapFunction<Iterator<DataSet>, RunningMetrics> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<MultiLayerConfiguration> configuration;
    private final Broadcast<INDArray> parameters;
    private final List<Metric> metrics;
    private final int batchRows;

    PartitionScores(Broadcast<MultiLayerConfiguration> configuration, Broadcast<INDArray> parameters,
            List<Metric> metrics, int batchRows) {
        this.configuration = configuration;
        this.parameters = parameters;
        this.metrics = List.copyOf(metrics);
        this.batchRows = batchRows;
    }

    @Override
    public Iterator<RunningMetrics> call(Iterator<DataSet> batches) {
        RunningMetrics scores = new RunningMetrics(metrics);
        if (!batches.hasNext()) {
            return List.of(scores).iterator();
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.value().clone());
        // init clones the broadcast parameters: the broadcast value is shared by the executor's tasks.
        network.init(parameters.value(), true);
        List<DataSet> pending = new ArrayList<>();
        long pendingRows = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            pending.add(batch);
            pendingRows += batch.numExamples();
            if (pendingRows >= batchRows || !batches.hasNext()) {
                DataSet merged = pending.size() == 1 ? pending.get(0) : DataSet.merge(pending);
                scores.score(network, merged.getFeatures(), merged.getLabels());
                pending.clear();
                pendingRows = 0;
            }
        }
        return List.of(scores).iterator();
    }
}
