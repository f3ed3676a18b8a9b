package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Models train on CSV datasets through the existing {@code fit(DataSetIterator, Fit)}. */
class CsvTrainingTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void xorCsvTrainsToFullAccuracy() {
        CsvDataset xor = new CsvDataset("datasets/xor.csv").labelColumns("y");
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "mean_squared_error", "binary_accuracy");

        History history = model.fit(xor.iterator(), Fit.epochs(300).verbose(0));

        List<Double> accuracy = history.get("binary_accuracy");
        assertEquals(300, accuracy.size());
        assertEquals(1.0, accuracy.get(accuracy.size() - 1));
        CsvData data = xor.load();
        double[] scores = model.evaluate(data.features(), data.labels(), 32, 0);
        assertEquals(1.0, scores[1]);
        assertArrayEquals(new double[] {0, 1, 1, 0},
                Transforms.round(model.predict(data.features(), 32, 0)).toDoubleVector());
    }

    @Test
    void classIndicesTrainASparseCategoricalModel() {
        CsvDataset xor = new CsvDataset("datasets/xor.csv").labelColumns("y").classIndices(2);
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(2, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");

        model.fit(xor.iterator(), Fit.epochs(300).verbose(0));

        CsvData data = xor.load();
        assertEquals(List.of("loss", "accuracy"), model.metricsNames());
        assertEquals(1.0, model.evaluate(data.features(), data.labels(), 32, 0)[1]);
    }

    @Test
    void gaussianXorTrainsOnStandardizedOneHotBatchesAndPredictsWithTheSameScaling() {
        CsvDataset train = new CsvDataset("datasets/gaussian_xor_train.csv").labelColumns("label").oneHot(2)
                .batchSize(100).normalize(Normalization.STANDARDIZE);
        Sequential model = new Sequential().seed(4);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dense(8, "relu"));
        model.add(new Dense(2, "softmax"));
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");

        History history = model.fit(train.iterator(), Fit.epochs(2).verbose(0));
        List<Double> loss = history.get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss falls: " + loss);

        // The test file is scaled with the training file's statistics, as a model storing them would scale inputs.
        DataNormalization fitted = train.normalizer();
        CsvData test = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label").oneHot(2)
                .normalize(fitted).load();
        double accuracy = model.evaluate(test.features(), test.labels(), 32, 0)[1];
        assertTrue(accuracy > 0.93, "accuracy on the 5000 test points: " + accuracy);

        CsvData raw = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label").oneHot(2).load();
        INDArray scaled = raw.features().dup();
        fitted.transform(scaled);
        assertEquals(model.predict(test.features(), 32, 0), model.predict(scaled, 32, 0));
    }
}
