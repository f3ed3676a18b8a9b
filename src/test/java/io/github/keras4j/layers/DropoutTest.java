package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Sequential;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    @Test
    void dropsTheRateAndScalesTheRestInTrainingOnly() {
        Sequential model = new Sequential(new Dropout(0.25).inputDim(4000), new Dense(1)).seed(7);
        INDArray ones = Nd4j.ones(1, 4000);
        List<INDArray> training = model.network().feedForward(ones, true);
        INDArray dropped = training.get(1);
        double zeros = dropped.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
        assertEquals(0.25, zeros / 4000, 0.03);
        assertEquals(1 / 0.75, dropped.maxNumber().doubleValue(), 1e-5);

        List<INDArray> inference = model.network().feedForward(ones, false);
        assertEquals(4000.0, inference.get(1).sumNumber().doubleValue(), 1e-3);
    }

    @Test
    void keepsDl4jsRetainProbabilityTheOtherWayRound() {
        Sequential model = new Sequential(new Dropout(0.2).inputDim(3), new Dense(1));
        DropoutLayer layer = (DropoutLayer) model.network().getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(0.8, ((org.deeplearning4j.nn.conf.dropout.Dropout) layer.getIDropout()).getP(), 1e-12);
    }

    @Test
    void rateMustBeAFraction() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertEquals("Invalid value received for argument `rate`. Expected a float value in [0, 1). Received: rate=1.0",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
    }

    @Test
    void keepsTheShapeAndHasNoWeights() {
        assertEquals(7, new Dropout(0.5).outputUnits(7));
        assertEquals(0, new Dropout(0.5).countParams(7));
        assertEquals(0, new Sequential(new Dropout(0.5).inputDim(3), new Dense(2)).getWeights(0).size());
    }
}
