package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingMasterTypeTest {

    @Test
    void namesAreTheConfigNames() {
        assertEquals(TrainingMasterType.AVERAGING, TrainingMasterType.fromName("averaging"));
        assertEquals(TrainingMasterType.SHARING, TrainingMasterType.fromName("Sharing"));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertEquals("Unknown training master: 'parameter_server'. Valid training masters: averaging, sharing",
                assertThrows(IllegalArgumentException.class, () -> TrainingMasterType.fromName("parameter_server"))
                        .getMessage());
    }
}
