package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's HDF5 weights put into models built in Java, by layer order: Keras 1 and 2 save_weights files against the
 * predictions Keras saved, and the errors for files whose weights do not fit. The mnist_mlp files are too large to
 * commit: they are read from the shared fixtures folder ({@link KerasFixtures#large}).
 */
class KerasWeightsTest {

    private static final String MNIST = "deeplearning4j__dl4j-test-resources/examples/mnist_mlp/";
    private static final String ELU_WEIGHTS = "KonduitAI__dl4j-test-resources/examples/activations/ELU_0_weights.h5";

    @BeforeEach
    void session() {
        Backend.clearSession();
    }

    /** mnist_mlp as Keras 1.2.1 wrote it: linear Dense layers, each followed by an Activation. */
    private static Sequential mnistKeras1() {
        return new Sequential(new Dense(512).inputDim(784), new Activation("relu"), new Dropout(0.2), new Dense(512),
                new Activation("relu"), new Dropout(0.2), new Dense(10), new Activation("softmax"));
    }

    /** mnist_mlp as Keras 2.0.6 wrote it. */
    private static Sequential mnistKeras2() {
        return new Sequential(new Dense(512, "relu").inputDim(784), new Dropout(0.2), new Dense(512, "relu"),
                new Dropout(0.2), new Dense(10, "softmax"));
    }

    @Test
    void keras1SaveWeightsFileMatchesKerasPredictions() {
        Sequential model = mnistKeras1();
        model.loadWeights(KerasFixtures.large(MNIST + "mnist_mlp_tf_keras_1_weights.h5"));
        KerasFixtures.Gold gold = KerasFixtures.gold(KerasFixtures.large(MNIST + "mnist_mlp_tf_keras_1_inputs_and_outputs.h5"));
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);
    }

    @Test
    void keras2SaveWeightsFileMatchesKerasPredictionsAndActivations() {
        Sequential model = mnistKeras2();
        model.loadWeights(KerasFixtures.large(MNIST + "mnist_mlp_tf_keras_2_weights.h5"));
        Path goldFile = KerasFixtures.large(MNIST + "mnist_mlp_tf_keras_2_inputs_and_outputs.h5");
        KerasFixtures.Gold gold = KerasFixtures.gold(goldFile);
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);
        // The first layer's activations pin the kernel's orientation (inputs x units), not only the end result.
        INDArray firstLayer = model.network().feedForwardToLayer(0, gold.inputs().castTo(DataType.FLOAT), false)
                .get(1);
        assertClose(KerasFixtures.activations(goldFile, "dense_1"),
                firstLayer, 1e-5);
    }

    @Test
    void weightsAreTakenByLayerOrderNotByName() {
        Sequential model = new Sequential(new Dense(32).name("first").inputDim(16), new ELU());
        model.loadWeights(KerasFixtures.file(ELU_WEIGHTS));
        assertEquals(32, model.getWeights(0).get(1).length());
    }

    @Test
    void keras2BatchNormalizationWeightsLandInGammaBetaMeanAndVariance() {
        Path file = KerasFixtures.file("fastmachinelearning__example-models/keras/KERAS_3layer_batch_norm_weights.h5");
        Sequential model = new Sequential(new Dense(64).inputDim(16), new BatchNormalization(),
                new Activation("relu"), new Dense(32), new BatchNormalization(), new Activation("relu"),
                new Dense(32), new BatchNormalization(), new Activation("relu"), new Dense(5),
                new BatchNormalization(), new Activation("softmax"));
        model.loadWeights(file);
        try (KerasH5File h5 = KerasH5File.open(file, "weights")) {
            String[] names = {"gamma:0", "beta:0", "moving_mean:0", "moving_variance:0"};
            for (int w = 0; w < 4; w++) {
                assertClose(h5.dataset("bn2/bn2/" + names[w]), model.getWeights(4).get(w), 0);
            }
        }
    }

    @Test
    void aFileForAnotherArchitectureIsRefusedNamingTheLayerAndBothShapes() {
        Sequential model = new Sequential(new Dense(8).inputDim(16), new ELU());
        INDArray before = model.getWeights(0).get(0);
        Path file = KerasFixtures.file(ELU_WEIGHTS);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(file));
        assertEquals(file + ": dense/dense/kernel:0 has shape [16, 32] but the kernel of layer 'dense' (Dense) "
                + "has shape [16, 8]", error.getMessage());
        assertEquals(before, model.getWeights(0).get(0), "a refused file leaves the weights as they were");

        Sequential longer = new Sequential(new Dense(32).inputDim(16), new Dense(4));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> longer.loadWeights(file));
        assertEquals(file + " holds weights for 1 layer [dense] but the model has 2 layers with weights "
                + "[dense_1, dense_2]", count.getMessage());
    }

    @Test
    void keras3WeightsFilesLoadFromTheArchiveAsAStandaloneWeightsFileAndFromAKeras3H5(@TempDir Path directory)
            throws IOException {
        Path archive = KerasFixtures.file("mehmetsefabalik__neuralnet/xor_model.keras");
        Sequential fromArchive = new Sequential(new Dense(4, "tanh").inputDim(2), new Dense(1, "sigmoid"));
        fromArchive.loadWeights(archive);
        // model.save_weights("w.weights.h5") in Keras 3 writes the same layout as the archive's model.weights.h5.
        Path weights = directory.resolve("xor.weights.h5");
        try (ZipFile zip = new ZipFile(archive.toFile()); InputStream in = zip.getInputStream(
                zip.getEntry("model.weights.h5"))) {
            Files.copy(in, weights);
        }
        Sequential standalone = new Sequential(new Dense(4, "tanh").inputDim(2), new Dense(1, "sigmoid"));
        standalone.loadWeights(weights);
        assertEquals(fromArchive.getWeights(), standalone.getWeights());

        Sequential keras3H5 = new Sequential(new Dense(4, "relu").inputDim(2), new Dense(1, "sigmoid"));
        Path h5 = KerasFixtures.file("edycoleee__ml2025/xor_model.h5");
        keras3H5.loadWeights(h5);
        try (KerasH5File file = KerasH5File.open(h5, "model")) {
            assertClose(file.dataset("model_weights/dense_7/sequential_3/dense_7/kernel"), keras3H5.getWeights(1).get(0),
                    0);
        }
    }

    @Test
    void keras3ArchiveWeightsLoadIntoAModelBuiltInJava() {
        Sequential model = new Sequential(new Dense(4, "tanh").inputDim(2), new Dense(1, "sigmoid"));
        model.loadWeights(KerasFixtures.file("mehmetsefabalik__neuralnet/xor_model.keras"));
        INDArray xor = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray predicted = model.predict(xor);
        // The file's network learned XOR.
        assertTrue(predicted.getDouble(0, 0) < 0.5 && predicted.getDouble(1, 0) > 0.5
                && predicted.getDouble(2, 0) > 0.5 && predicted.getDouble(3, 0) < 0.5, predicted.toString());
    }
}
