package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingMasterTypeTest {

    @Test
    void namesAreTheConfigNames() {
        assertEquals(TrainingMasterType.AVERAGING, TrainingMasterType.fromName("averaging"));
        assertEquals(TrainingMasterType.SHARING, TrainingMasterType.fromName("sharing"));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertEquals("unknown training master 'parameter_server'; valid: averaging, sharing",
                assertThrows(IllegalArgumentException.class, () -> TrainingMasterType.fromName("parameter_server"))
                        .getMessage());
        assertEquals("unknown training master 'averageing'; did you mean 'averaging'? valid: averaging, sharing",
                assertThrows(IllegalArgumentException.class, () -> TrainingMasterType.fromName("averageing"))
                        .getMessage());
    }
}
