package io.github.keras4j.layers.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link KerasRecurrentLayer} in Keras's layout, direction after direction: the kernel {@code W}
 * {@code [inputs, gates * units]}, the recurrent kernel {@code RW} {@code [units, gates * units]} and the bias {@code b}
 * {@code [1 or 2, gates * units]}, C order, so that each is exactly Keras's array; the backward direction of a
 * bidirectional layer has the same keys prefixed {@code backward}. (DL4J's updater takes the text after a key's last
 * underscore as the parameter's name, so the keys have none.) Initialized as Keras initializes them: the kernels by
 * their initializers (fans of Keras's 2-D shapes), the bias to its constant, plus 1 on an LSTM's forget gate with
 * {@code unit_forget_bias}.
 */
public final class RecurrentParams implements ParamInitializer {

    /** The kernel's key. */
    public static final String KERNEL = "W";
    /** The recurrent kernel's key. */
    public static final String RECURRENT_KERNEL = "RW";
    /** The bias's key. */
    public static final String BIAS = "b";
    /** The prefix of the backward direction's keys. */
    public static final String BACKWARD = "backward";

    private static final RecurrentParams INSTANCE = new RecurrentParams();

    private RecurrentParams() {
    }

    public static RecurrentParams getInstance() {
        return INSTANCE;
    }

    /** The key prefix of direction {@code d}: "" forward, {@code backward} backward. */
    public static String prefix(int direction) {
        return direction == 0 ? "" : BACKWARD;
    }

    private static List<RecurrentCell> cells(Layer layer) {
        return ((KerasRecurrentLayer) layer).cells();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long count = 0;
        for (RecurrentCell cell : cells(layer)) {
            count += cell.paramCount();
        }
        return count;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        List<RecurrentCell> cells = cells(layer);
        for (int d = 0; d < cells.size(); d++) {
            keys.add(prefix(d) + KERNEL);
            keys.add(prefix(d) + RECURRENT_KERNEL);
            if (cells.get(d).useBias()) {
                keys.add(prefix(d) + BIAS);
            }
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(key -> !isBiasParam(layer, key)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return paramKeys(layer).stream().filter(key -> isBiasParam(layer, key)).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return key.endsWith(KERNEL) || key.endsWith(RECURRENT_KERNEL);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.equals(BIAS) || key.equals(BACKWARD + BIAS);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            List<RecurrentCell> cells = cells(conf.getLayer());
            for (int d = 0; d < cells.size(); d++) {
                RecurrentCell cell = cells.get(d);
                INDArray kernel = params.get(prefix(d) + KERNEL);
                INDArray recurrent = params.get(prefix(d) + RECURRENT_KERNEL);
                long columns = cell.gateColumns();
                cell.kernelInitializer().init(cell.inputSize(), columns, kernel.shape(), 'c', kernel);
                cell.recurrentInitializer().init(cell.units(), columns, recurrent.shape(), 'c', recurrent);
                if (cell.useBias()) {
                    INDArray bias = params.get(prefix(d) + BIAS);
                    bias.assign(cell.biasValue());
                    if (cell.unitForgetBias()) {
                        bias.get(NDArrayIndex.all(), NDArrayIndex.interval(cell.units(), 2 * cell.units())).assign(1);
                    }
                }
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    /** Keras-shaped C-order views of a flat row of this layer's parameters (or gradients). */
    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        Map<String, INDArray> views = new LinkedHashMap<>();
        List<RecurrentCell> cells = cells(layer);
        long offset = 0;
        INDArray row = flat.reshape('c', 1, flat.length());
        for (int d = 0; d < cells.size(); d++) {
            RecurrentCell cell = cells.get(d);
            long columns = cell.gateColumns();
            offset = view(views, row, prefix(d) + KERNEL, offset, cell.inputSize(), columns);
            offset = view(views, row, prefix(d) + RECURRENT_KERNEL, offset, cell.units(), columns);
            if (cell.useBias()) {
                offset = view(views, row, prefix(d) + BIAS, offset, cell.biasRows(), columns);
            }
        }
        return Collections.unmodifiableMap(views);
    }

    private static long view(Map<String, INDArray> views, INDArray row, String key, long offset, long rows,
            long columns) {
        long length = rows * columns;
        views.put(key, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length))
                .reshape('c', rows, columns));
        return offset + length;
    }
}
