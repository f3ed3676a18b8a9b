package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden test of tutorial 004: SGD with momentum 0.99 and binary cross-entropy on a softmax learn Gaussian XOR. */
class Tutorial004GaussianXorTest {

    @Test
    void learnsGaussianXorAsTheTutorialDoes() {
        Tutorial004GaussianXor.Result result = Tutorial004GaussianXor.run(4, 0);
        List<Double> losses = result.history().get("loss");
        assertEquals(200, losses.size());
        double finalLoss = losses.get(199);
        assertTrue(finalLoss < 0.05, "final loss " + finalLoss);
        assertTrue(result.testAccuracy() > 0.97, "accuracy on fresh points " + result.testAccuracy());
        assertEquals(5000, result.yTestPredicted().rows());
        assertEquals(2, result.yTestPredicted().columns());
    }
}
