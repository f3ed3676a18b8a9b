package io.github.keras4j.engine.step;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BooleanPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * An ND4J custom operation (libnd4j's declarable ops: {@code matmul}, {@code sigmoid_bp}, {@code adam_updater}...)
 * on one op context that holds its arrays and arguments, created once and run by calling libnd4j directly.
 *
 * <p>{@code Nd4j.exec(op)} builds a new op context (native memory registered with ND4J's deallocator) and Java op
 * objects on every call, which costs more than the operation on the small arrays of a training step. The arguments
 * that change between runs (a learning rate, an iteration count) are written into pointers allocated here and handed
 * to the context again before a run, which copies them.
 */
public final class CustomKernel extends NativeKernel {

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();

    private final String name;
    private final long hash;
    private final OpContext context;
    private final OpaqueContext contextPointer;
    private final INDArray[] inputs;
    private final INDArray[] outputs;
    private final DoublePointer tArguments;
    private final int tCount;
    private final LongPointer iArguments;
    private final int iCount;
    private boolean argumentsChanged;

    private CustomKernel(Builder builder) {
        // By the outputs' size: a reduction's small output keeps it on one thread, so its sum's order, and its bits,
        // do not depend on the machine's cores.
        super(builder.name.equals("matmul")
                ? KernelThreads.forProduct(builder.inputs.get(0), builder.inputs.get(1), builder.outputs.get(0))
                : KernelThreads.forLoop(builder.outputs.toArray(new INDArray[0])));
        this.name = builder.name;
        DynamicCustomOp op = DynamicCustomOp.builder(name).build();
        this.hash = op.opHash();
        this.inputs = builder.inputs.toArray(new INDArray[0]);
        this.outputs = builder.outputs.toArray(new INDArray[0]);
        this.context = Nd4j.getExecutioner().buildContext();
        for (int i = 0; i < inputs.length; i++) {
            context.setInputArray(i, inputs[i]);
        }
        for (int i = 0; i < outputs.length; i++) {
            context.setOutputArray(i, outputs[i]);
        }
        this.contextPointer = (OpaqueContext) context.contextPointer();
        this.tCount = builder.tArguments.size();
        this.tArguments = tCount == 0 ? null : new DoublePointer(tCount);
        for (int i = 0; i < tCount; i++) {
            tArguments.put(i, builder.tArguments.get(i));
        }
        this.iCount = builder.iArguments.size();
        this.iArguments = iCount == 0 ? null : new LongPointer(iCount);
        for (int i = 0; i < iCount; i++) {
            iArguments.put(i, builder.iArguments.get(i));
        }
        if (!builder.bArguments.isEmpty()) {
            boolean[] flags = new boolean[builder.bArguments.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = builder.bArguments.get(i);
            }
            NATIVE.setGraphContextBArguments(contextPointer,
                    new BooleanPointer(flags), flags.length);
        }
        if (builder.inPlace) {
            context.markInplace(true);
        }
        argumentsChanged = true;
    }

    /**
     * A kernel running {@code op} with its arrays and arguments as they are set: built from the same operation class
     * DL4J uses for a computation, it runs exactly the same native code on the compiled step's arrays.
     */
    public static CustomKernel of(CustomOp op) {
        Builder builder = of(op.opName()).in(op.inputArguments().toArray(new INDArray[0]))
                .out(op.outputArguments().toArray(new INDArray[0]))
                .t(op.tArgs()).i(op.iArgs()).b(op.bArgs());
        if (op.outputArguments().isEmpty()) {
            throw new IllegalArgumentException(op.opName() + " has no output array: a compiled step writes into "
                    + "arrays allocated once");
        }
        if (op.isInplaceCall()) {
            builder.inPlace();
        }
        return builder.build();
    }

    /** A kernel of the libnd4j operation {@code name}. */
    public static Builder of(String name) {
        return new Builder(name);
    }

    /** Sets floating-point argument {@code index} for the next runs. */
    public void tArgument(int index, double value) {
        if (tArguments.get(index) != value) {
            tArguments.put(index, value);
            argumentsChanged = true;
        }
    }

    /** Sets integer argument {@code index} for the next runs. */
    public void iArgument(int index, long value) {
        if (iArguments.get(index) != value) {
            iArguments.put(index, value);
            argumentsChanged = true;
        }
    }

    @Override
    void execute() {
        if (argumentsChanged) {
            if (tCount > 0) {
                NATIVE.setGraphContextTArguments(contextPointer, tArguments, tCount);
            }
            if (iCount > 0) {
                NATIVE.setGraphContextIArguments(contextPointer, iArguments, iCount);
            }
            argumentsChanged = false;
        }
        int status = NATIVE.execCustomOp2(null, hash, contextPointer);
        if (status != 0) {
            throw new IllegalStateException("ND4J operation " + name + " failed (status " + status + "): "
                    + NATIVE.lastErrorMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** The arrays and arguments of a custom kernel, in the operation's order. */
    public static final class Builder {
        private final String name;
        private final List<INDArray> inputs = new ArrayList<>();
        private final List<INDArray> outputs = new ArrayList<>();
        private final List<Double> tArguments = new ArrayList<>();
        private final List<Long> iArguments = new ArrayList<>();
        private final List<Boolean> bArguments = new ArrayList<>();
        private boolean inPlace;

        private Builder(String name) {
            this.name = name;
        }

        public Builder in(INDArray... arrays) {
            inputs.addAll(List.of(arrays));
            return this;
        }

        public Builder out(INDArray... arrays) {
            outputs.addAll(List.of(arrays));
            return this;
        }

        public Builder t(double... values) {
            for (double value : values) {
                tArguments.add(value);
            }
            return this;
        }

        public Builder i(long... values) {
            for (long value : values) {
                iArguments.add(value);
            }
            return this;
        }

        public Builder b(boolean... values) {
            for (boolean value : values) {
                bArguments.add(value);
            }
            return this;
        }

        /** Marks the run as in place (an output is an input), as ND4J's executioner does for in-place calls. */
        public Builder inPlace() {
            this.inPlace = true;
            return this;
        }

        public CustomKernel build() {
            return new CustomKernel(this);
        }
    }
}
