package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * End to end: a DL4J network trained with {@code new SGD(0.1).momentum(0.9)} moves its weights as Keras's
 * classical momentum does, computed here by hand for a single linear output layer with mean squared error.
 */
class SgdMomentumNetworkTest {

    private static final double LEARNING_RATE = 0.1;
    private static final double MOMENTUM = 0.9;

    private static final double[][] FEATURES = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}, {-1.0, 0.75, 1.0}, {0.0, 1.0, -2.0}};
    private static final double[][] LABELS = {{1.0, -1.0}, {0.5, 0.0}, {-0.5, 2.0}, {0.0, 1.0}};
    private static final double[][] KERNEL = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    private static final double[] BIAS = {0.05, -0.05};

    @Test
    void threeStepsMatchKerasMomentumByHand() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.DOUBLE)
                .miniBatch(true)
                .updater(new SGD(LEARNING_RATE).momentum(MOMENTUM).toDl4j())
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(3).nOut(2).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        assertEquals(DataType.DOUBLE, network.params().dataType());
        network.setParam("0_W", Nd4j.createFromArray(KERNEL));
        network.setParam("0_b", Nd4j.createFromArray(new double[][] {BIAS}));

        double[][] kernel = {KERNEL[0].clone(), KERNEL[1].clone(), KERNEL[2].clone()};
        double[] bias = BIAS.clone();
        double[][] kernelVelocity = new double[3][2];
        double[] biasVelocity = new double[2];
        for (int step = 0; step < 3; step++) {
            network.fit(Nd4j.createFromArray(FEATURES), Nd4j.createFromArray(LABELS));
            handStep(kernel, bias, kernelVelocity, biasVelocity);
        }

        double[][] trainedKernel = network.getParam("0_W").toDoubleMatrix();
        double[] trainedBias = network.getParam("0_b").toDoubleVector();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(kernel[i][j], trainedKernel[i][j], 1e-12, "kernel[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < 2; j++) {
            assertEquals(bias[j], trainedBias[j], 1e-12, "bias[" + j + "]");
        }
    }

    /**
     * One step: loss = mean over the batch of the mean over outputs of (y_hat - y)^2, so
     * dloss/dy_hat = 2 * (y_hat - y) / (outputs * batch); then v = momentum * v - lr * gradient; w = w + v.
     */
    private static void handStep(double[][] kernel, double[] bias, double[][] kernelVelocity, double[] biasVelocity) {
        int batch = FEATURES.length;
        int outputs = bias.length;
        double[][] kernelGradient = new double[kernel.length][outputs];
        double[] biasGradient = new double[outputs];
        for (int example = 0; example < batch; example++) {
            for (int j = 0; j < outputs; j++) {
                double prediction = bias[j];
                for (int i = 0; i < kernel.length; i++) {
                    prediction += FEATURES[example][i] * kernel[i][j];
                }
                double outputGradient = 2 * (prediction - LABELS[example][j]) / (outputs * batch);
                biasGradient[j] += outputGradient;
                for (int i = 0; i < kernel.length; i++) {
                    kernelGradient[i][j] += FEATURES[example][i] * outputGradient;
                }
            }
        }
        for (int j = 0; j < outputs; j++) {
            biasVelocity[j] = MOMENTUM * biasVelocity[j] - LEARNING_RATE * biasGradient[j];
            bias[j] += biasVelocity[j];
            for (int i = 0; i < kernel.length; i++) {
                kernelVelocity[i][j] = MOMENTUM * kernelVelocity[i][j] - LEARNING_RATE * kernelGradient[i][j];
                kernel[i][j] += kernelVelocity[i][j];
            }
        }
    }
}
