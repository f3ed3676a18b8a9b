package io.github.keras4j.layers.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KeptArrayTest {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder().initialSize(1 << 20).build();

    @Test
    void anArrayOutsideWorkspacesIsUsableUntilClosed() {
        INDArray array = Nd4j.create(DataType.FLOAT, 3);
        assertTrue(KeptArray.usable(array));
        array.close();
        assertFalse(KeptArray.usable(array));
        assertFalse(KeptArray.usable(null));
    }

    @Test
    void aWorkspaceArrayIsUsableOnlyWhileItsWorkspaceGenerationIsOpen() {
        INDArray kept;
        try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "KERAS4J_TEST")) {
            kept = Nd4j.create(DataType.FLOAT, 3);
            assertTrue(KeptArray.usable(kept));
        }
        assertFalse(KeptArray.usable(kept), "workspace closed");
        try (MemoryWorkspace reopened = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "KERAS4J_TEST")) {
            assertFalse(KeptArray.usable(kept), "same workspace, next generation: its memory is reused");
        }
    }

    @Test
    void theArrayIsReadOnlyForItsOwnInput() {
        INDArray input = Nd4j.create(DataType.FLOAT, 2);
        INDArray computed = Nd4j.create(DataType.FLOAT, 3);
        KeptArray kept = new KeptArray();
        kept.keep(computed, input);
        assertSame(computed, kept.readFor(input));
        assertSame(computed, kept.readFor(input), "read again in the same step");
        assertNull(kept.readFor(input.dup()), "an equal but different input");
        assertNull(kept.readFor(input), "forgotten once asked for another input");
        kept.keep(computed, input);
        kept.forget();
        assertNull(kept.readFor(input));
    }

    @Test
    void anArrayWhoseWorkspaceClosedIsNotHandedOut() {
        INDArray input = Nd4j.create(DataType.FLOAT, 2);
        KeptArray kept = new KeptArray();
        try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "KERAS4J_TEST")) {
            kept.keep(Nd4j.create(DataType.FLOAT, 3), input);
            assertTrue(kept.readFor(input) != null);
        }
        assertNull(kept.readFor(input));
    }
}
