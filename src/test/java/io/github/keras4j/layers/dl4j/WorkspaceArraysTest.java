package io.github.keras4j.layers.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WorkspaceArraysTest {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder().initialSize(1 << 20).build();

    @Test
    void anArrayOutsideWorkspacesIsUsableUntilClosed() {
        INDArray array = Nd4j.create(DataType.FLOAT, 3);
        assertTrue(WorkspaceArrays.usable(array));
        array.close();
        assertFalse(WorkspaceArrays.usable(array));
        assertFalse(WorkspaceArrays.usable(null));
    }

    @Test
    void aWorkspaceArrayIsUsableOnlyWhileItsWorkspaceGenerationIsOpen() {
        INDArray kept;
        try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "KERAS4J_TEST")) {
            kept = Nd4j.create(DataType.FLOAT, 3);
            assertTrue(WorkspaceArrays.usable(kept));
        }
        assertFalse(WorkspaceArrays.usable(kept), "workspace closed");
        try (MemoryWorkspace reopened = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "KERAS4J_TEST")) {
            assertFalse(WorkspaceArrays.usable(kept), "same workspace, next generation: its memory is reused");
        }
    }
}
