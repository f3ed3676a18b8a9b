package io.github.keras4j.engine.step;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code UpdaterBlock.update} for every block of the network's updater, compiled: each block's penalties
 * added to its gradient, then its updater's rule. Bound to one {@code MultiLayerUpdater} and its state: DL4J replaces
 * the updater (copying its state) when the learning rate changes, and the step compiles this part again then.
 */
final class UpdaterPart {

    private record Block(Kernel penalties, CompiledUpdater updater) {
    }

    private final Updater bound;
    private final List<Block> blocks = new ArrayList<>();

    UpdaterPart(MultiLayerNetwork network, Buffers buffers) {
        MultiLayerUpdater updater = (MultiLayerUpdater) network.getUpdater();
        this.bound = updater;
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (block.skipDueToPretrainConfig(false)
                    || block.getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
                continue;
            }
            List<Kernel> penalties = new ArrayList<>();
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                penalties.add(RegularizationStep.gradient(param.getLayer().getConfig(), param.getParamName(),
                        param.getParamView(), param.getGradView(), buffers));
            }
            INDArray gradient = block.getGradientView();
            blocks.add(new Block(Kernel.sequence(penalties.toArray(new Kernel[0])),
                    UpdaterSteps.compile(block.getGradientUpdater(), gradient.reshape(gradient.length()))));
        }
    }

    /** Whether this part still writes into the network's current updater state. */
    boolean boundTo(Updater current) {
        return current == bound;
    }

    void apply(int iteration, int epoch) {
        for (Block block : blocks) {
            block.penalties().run();
            block.updater().apply(iteration, epoch);
        }
    }
}
