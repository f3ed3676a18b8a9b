package io.github.keras4j.layers.dl4j;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/** Counts ND4J's matmul calls, as its op profiler sees them. */
final class MatrixProducts {

    private MatrixProducts() {
    }

    static long countedIn(Runnable work) {
        OpProfiler profiler = OpProfiler.getInstance();
        OpExecutioner executioner = Nd4j.getExecutioner();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        try {
            profiler.reset();
            work.run();
            return profiler.getOpCounter().getCount("matmul");
        } finally {
            executioner.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            profiler.reset();
        }
    }
}
