package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.data.Normalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import java.util.List;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A model trained on a CSV file: the file's normalizer travels with the model into predict, evaluate and files. */
class CsvModelTest {

    private static final CsvDataset TRAIN = new CsvDataset("datasets/gaussian_xor_train.csv").labelColumns("label")
            .oneHot(2).batchSize(100).normalize(Normalization.STANDARDIZE);
    private static final CsvDataset TEST = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label")
            .oneHot(2);

    private static Sequential trained() {
        Sequential model = new Sequential(new Dense(8, "relu").inputDim(2), new Dense(2, "softmax")).seed(4);
        model.compile(new Adam(0.02), "categorical_crossentropy", "accuracy");
        model.fit(TRAIN, Fit.epochs(10).verbose(0));
        return model;
    }

    @Test
    void theTrainingFilesNormalizerScalesEverythingTheModelIsGiven(@TempDir Path directory) {
        Sequential model = trained();
        assertNotNull(model.normalization());
        assertEquals(List.of("Normalization", "Dense", "Dense"), model.layers().stream().map(Layer::className).toList());

        double[] streamed = model.evaluate(TEST, 0);
        CsvData raw = TEST.load();
        double[] fromArrays = model.evaluate(raw.features(), raw.labels(), 32, 0);
        assertArrayEquals(streamed, fromArrays, 1e-6);
        assertTrue(streamed[1] > 0.85, "test accuracy " + streamed[1]);

        INDArray viaCsv = model.predict(TEST);
        INDArray viaArrays = model.predict(raw.features(), 32, 0);
        assertArrayEquals(viaCsv.castTo(DataType.DOUBLE).data().asDouble(),
                viaArrays.castTo(DataType.DOUBLE).data().asDouble(), 1e-6);

        Path file = directory.resolve("model.keras4j");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertNotNull(loaded.normalization());
        assertArrayEquals(viaArrays.castTo(DataType.DOUBLE).data().asDouble(),
                loaded.predict(raw.features(), 32, 0).castTo(DataType.DOUBLE).data().asDouble(), 1e-6);
        assertEquals(streamed[0], loaded.evaluate(TEST, 0)[0], 1e-6);
    }

    @Test
    void aCsvWithoutLabelsCannotTrainAndAStreamCannotBeShuffled() {
        Sequential model = new Sequential(new Dense(2, "softmax").inputDim(2));
        model.compile("adam", "categorical_crossentropy");
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new CsvDataset("datasets/gaussian_xor_test.csv").featureColumns("x0", "x1"),
                        Fit.defaults()));
        assertTrue(noLabels.getMessage().startsWith("fit() needs labels"), noLabels.getMessage());
        IllegalArgumentException shuffle = assertThrows(IllegalArgumentException.class,
                () -> model.fit(TEST, Fit.defaults().shuffle(true)));
        assertTrue(shuffle.getMessage().startsWith("shuffle=true cannot reorder a DataSetIterator"),
                shuffle.getMessage());
    }
}
