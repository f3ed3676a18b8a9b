package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Golden test of tutorial 001: the 2-2-1 sigmoid network with BCE and SGD(0.1) learns the logic gates. */
class Tutorial001LogicGatesTest {

    /**
     * With seed 2 every gate is learned (measured: AND at epoch 572, OR 20, NAND 795, NOR 522, XOR 3061,
     * XNOR 4111); with seed 1, XNOR stays on a plateau for the whole budget.
     */
    @Test
    void learnsEveryGateOfTheTable() {
        for (String gate : new String[] {"AND", "OR", "NAND", "NOR", "XOR", "XNOR"}) {
            Tutorial001LogicGates.Learned result = Tutorial001LogicGates.learn(gate, 2);
            assertTrue(result.learned(), gate + " not learned in " + Tutorial001LogicGates.MAX_EPOCHS + " epochs");
            double[] predicted = Transforms.round(result.model().predict(
                    Nd4j.createFromArray(Tutorial001LogicGates.INPUTS), 32, 0)).toDoubleVector();
            assertArrayEquals(Tutorial001LogicGates.GATES.get(gate), predicted, gate);
        }
    }

    /**
     * XOR is the hard one for two sigmoid hidden units and plain SGD: some initializations sit in a flat region
     * for longer than the budget. Over seeds 1..10, 7 learned XOR within 10000 epochs when this test was written
     * (seeds 3, 5 and 9 did not); the test asks for a majority.
     */
    @Test
    void learnsXorForMostSeeds() {
        int learned = 0;
        for (long seed = 1; seed <= 10; seed++) {
            learned += Tutorial001LogicGates.learn("XOR", seed).learned() ? 1 : 0;
        }
        assertTrue(learned >= 6, learned + " of 10 seeds learned XOR");
    }
}
