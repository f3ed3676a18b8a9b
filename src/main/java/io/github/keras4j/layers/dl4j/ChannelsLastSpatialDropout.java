package io.github.keras4j.layers.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code SpatialDropout1D} and {@code SpatialDropout2D} on channels-last arrays: in training each sample's
 * channels (the last axis) are dropped whole with probability {@code 1 - p}, the others scaled by {@code 1 / p}, the
 * same for every timestep or pixel (Keras's noise shape {@code (samples, 1, ..., 1, channels)}). DL4J's
 * {@code SpatialDropout} drops axis 1, the channels of NCHW and NCW arrays only. The mask is drawn by ND4J's
 * {@code DropOutInverted} from ND4J's random generator (the model's seeded one), as DL4J's dropouts draw theirs.
 */
@JsonIgnoreProperties({"mask"})
public class ChannelsLastSpatialDropout implements IDropout {

    private static final long serialVersionUID = 1L;

    private final double p;
    private transient INDArray mask;

    /** Keeps each channel with probability {@code p} (DL4J's convention; Keras's rate is {@code 1 - p}), in (0, 1]. */
    @JsonCreator
    public ChannelsLastSpatialDropout(@JsonProperty("p") double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("the probability of keeping a channel must be in (0, 1], received: "
                    + p);
        }
        this.p = p;
    }

    /** The probability of keeping a channel. */
    @JsonProperty("p")
    public double getP() {
        return p;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch,
            LayerWorkspaceMgr workspaceMgr) {
        int channels = inputActivations.rank() - 1;
        if (channels < 2) {
            throw new IllegalArgumentException("spatial dropout takes sequences or images, received an array of "
                    + "shape " + Arrays.toString(inputActivations.shape()));
        }
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), inputActivations.size(0),
                inputActivations.size(channels)).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, p));
        Broadcast.mul(inputActivations, mask, output, 0, channels);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("spatial dropout's backward pass needs the mask of its forward pass");
        }
        Broadcast.mul(gradAtOutput, mask, gradAtInput, 0, gradAtOutput.rank() - 1);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public ChannelsLastSpatialDropout clone() {
        return new ChannelsLastSpatialDropout(p);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelsLastSpatialDropout that && that.p == p;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "ChannelsLastSpatialDropout(p=" + p + ")";
    }
}
