package io.github.keras4j.layers;

import static io.github.keras4j.layers.PoolingReference.checkAgainstHandComputation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AveragePooling2D against a pooling written out by hand: with "same" padding Keras averages the cells inside the
 * image only, and so must DL4J, forward and backward. What it shares with MaxPooling2D (config keys, shapes, errors)
 * is tested there.
 */
class AveragePooling2DTest {

    @BeforeEach
    void float64() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    @Test
    void averagesEachWindow() {
        checkAgainstHandComputation(new AveragePooling2D(2), false, 1, false, 3, 6, 5, 3);
        checkAgainstHandComputation(new AveragePooling2D(2, 3).strides(2, 1), false, 2, false, 3, 5, 7, 2);
    }

    @Test
    void samePaddingAveragesOnlyTheCellsInsideTheImage() {
        // Constant images: every average is that constant, also in the border windows, only if padding never counts.
        Sequential constant = new Sequential(new AveragePooling2D(3).padding("same").inputShape(4, 4, 1),
                new Flatten());
        INDArray sevens = constant.predict(Nd4j.valueArrayOf(new long[] {1, 4, 4, 1}, 7.0), 1, 0);
        assertEquals(7.0, sevens.minNumber().doubleValue(), 1e-12);
        assertEquals(7.0, sevens.maxNumber().doubleValue(), 1e-12);
        checkAgainstHandComputation(new AveragePooling2D(3).strides(2).padding("same"), false, 3, false, 3, 7, 6, 2);
        checkAgainstHandComputation(new AveragePooling2D(3).strides(1).padding("same"), false, 4, false, 2, 4, 5, 2);
        checkAgainstHandComputation(new AveragePooling2D(4, 2).strides(3, 2).padding("same"), false, 5, true,
                2, 8, 5, 1);
    }

    @Test
    void isDl4jsAverageSubsamplingWithoutThePaddingInTheDivisor() {
        Sequential model = new Sequential(new AveragePooling2D(3).padding("same").inputShape(6, 6, 2), new Flatten());
        SubsamplingLayer layer = (SubsamplingLayer) model.network().getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(SubsamplingLayer.PoolingType.AVG.toPoolingType(), layer.getPoolingType());
        assertFalse(layer.isAvgPoolIncludePadInDivisor());
        assertEquals(CNN2DFormat.NHWC, layer.getCnn2dDataFormat());
        assertArrayEquals(new int[] {2, 2}, new AveragePooling2D().poolSize(), "tf.keras 2.x's default pool size");
        assertEquals(List.of(), new AveragePooling2D(2).kerasWeights());
    }

    /** DL4J's backward pass through a same-padded average against finite differences of the loss, in float64. */
    @Test
    void backpropagatesThroughSamePaddingAsItsForwardPass() {
        Sequential model = new Sequential(new Conv2D(3, 2, "tanh").padding("same").inputShape(7, 6, 2),
                new AveragePooling2D(3).strides(2).padding("same"), new Flatten(), new Dense(2));
        model.seed(3);
        MultiLayerNetwork network = model.network();
        INDArray x = Nd4j.createFromArray(PoolingReference.images(8, false, 4, 7, 6, 2));
        INDArray y = Nd4j.createFromArray(new double[][] {{1, -1}, {0.5, 0}, {-0.25, 2}, {0, 1}});
        network.setInput(x);
        network.setLabels(y);
        network.computeGradientAndScore();
        INDArray gradient = network.gradient().gradient().dup();
        INDArray params = network.params();
        DataSet batch = new DataSet(x, y);
        double epsilon = 1e-6;
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + epsilon);
            double plus = network.score(batch, false);
            params.putScalar(i, original - epsilon);
            double minus = network.score(batch, false);
            params.putScalar(i, original);
            // DL4J's score is the batch mean; its raw gradient is the batch sum (its updater divides by the batch).
            double numeric = (plus - minus) / (2 * epsilon) * x.size(0);
            assertEquals(numeric, gradient.getDouble(i), 1e-7 + 1e-5 * Math.abs(numeric), "parameter " + i);
        }
        assertTrue(gradient.amaxNumber().doubleValue() > 1e-3, "a gradient to check");
    }

    @Test
    void readsItsAliasAndWritesItsKerasName() {
        Backend.setFloatx("float32");
        Sequential model = Sequential.fromJson("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", "
                + "\"layers\": [{\"class_name\": \"AvgPool2D\", \"config\": {\"name\": \"a\", \"pool_size\": [3, 1], "
                + "\"border_mode\": \"same\", \"batch_input_shape\": [null, 5, 4, 2]}}, "
                + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}]}}");
        AveragePooling2D pooling = (AveragePooling2D) model.layers().get(0);
        assertArrayEquals(new int[] {3, 1}, pooling.strides());
        assertEquals(Conv2D.Padding.SAME, pooling.padding());
        assertTrue(model.toJson().contains("{\"class_name\":\"AveragePooling2D\",\"config\":{\"name\":\"a\","
                + "\"trainable\":true,\"batch_input_shape\":[null,5,4,2],\"dtype\":\"float32\",\"pool_size\":[3,1],"
                + "\"padding\":\"same\",\"strides\":[3,1],\"data_format\":\"channels_last\"}}"), model.toJson());
        assertEquals("average_pooling2d", new Sequential(new AveragePooling2D(2).inputShape(4, 4, 1), new Flatten())
                .layers().get(0).name());
    }
}
