package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Cropping1D;
import io.github.keras4j.layers.Cropping2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GaussianDropout;
import io.github.keras4j.layers.GaussianNoise;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.Permute;
import io.github.keras4j.layers.RepeatVector;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.layers.SpatialDropout1D;
import io.github.keras4j.layers.SpatialDropout2D;
import io.github.keras4j.layers.UpSampling1D;
import io.github.keras4j.layers.UpSampling2D;
import io.github.keras4j.layers.ZeroPadding1D;
import io.github.keras4j.layers.ZeroPadding2D;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The shape layers (Reshape, Permute, RepeatVector, the paddings, croppings and upsamplings) and the noise layers
 * (GaussianNoise, GaussianDropout, the spatial dropouts) train through the compiled step exactly as through DL4J's
 * fit, in float32 (every model) and float64 (every layer type once), on features, images (with Conv2D, MaxPooling2D,
 * Flatten, Dense) and sequences (with LSTM, masked for SpatialDropout1D): the same loss at each of 100 steps (two
 * batch sizes: batches of 4 of 6 samples), the same weights after them and the same predictions and evaluations, bit
 * for bit. The shape layers' compiled forms copy what DL4J's copy, into arrays of the same layouts; the noise layers'
 * draw with DL4J's ND4J random operations on arrays of the same shapes and orders at the same points of the step,
 * from the model's seeded generator; the layers around them run DL4J's operations. Every model takes the compiled
 * path, in training and in inference.
 */
class CompiledShapeLayersTest {

    private static final int SAMPLES = 6;

    private static INDArray data(DataType type, long... sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = SAMPLES;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(type, shape).subi(0.5).muli(2);
        if (shape.length == 3) {
            // The first two sequences padded with zeros from step 3: what Masking leaves out.
            x.get(NDArrayIndex.interval(0, 2), NDArrayIndex.interval(3, shape[1]), NDArrayIndex.all()).assign(0);
        }
        return x;
    }

    private static INDArray labels(DataType type) {
        INDArray y = Nd4j.zeros(type, SAMPLES, 3);
        for (int row = 0; row < SAMPLES; row++) {
            y.putScalar(row, (row * 5) % 3, 1.0);
        }
        return y;
    }

    /**
     * Models whose numbers may differ from DL4J's fit in the last bits: the compiled step holds a small product to
     * one MKL thread (KernelThreads), where MKL's dynamic threading in DL4J's fit splits that product's sum over two
     * (here the LSTM's products over RepeatVector's 4 x 5 timesteps); within 1e-6 relative in float32, 1e-12 in
     * float64, as issue 14 allows where the operations differ.
     */
    private static final Set<String> BLAS_SPLITS_DIFFER = Set.of("features, dense, repeat vector, lstm sequences, lstm");

    /** Trains both ways in {@code floatx}, bit for bit, and requires the compiled path in training and inference. */
    static void assertIdentical(String floatx, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertSameNumbers(floatx, sampleShape, layers, false);
    }

    /** As {@link #assertIdentical}, or within the tolerance of {@link #BLAS_SPLITS_DIFFER} for the models it names. */
    static void assertSameNumbers(String name, String floatx, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertSameNumbers(floatx, sampleShape, layers, BLAS_SPLITS_DIFFER.contains(name));
    }

    private static void assertSameNumbers(String floatx, long[] sampleShape, Supplier<List<Layer>> layers,
            boolean withinTolerance) {
        Backend.setFloatx(floatx);
        try {
            DataType type = Backend.toDataType(floatx);
            Supplier<Sequential> factory = () -> {
                Sequential model = new Sequential().seed(23);
                layers.get().forEach(model::add);
                model.add(new Dense(3, "softmax"));
                model.compile("adam", "categorical_crossentropy", "accuracy");
                return model;
            };
            long inferred = CompiledInference.batchesRun();
            Fit fit = Fit.epochs(50).batchSize(4).shuffle(false);
            if (withinTolerance) {
                Twins.assertClose(factory, data(type, sampleShape), labels(type), fit,
                        floatx.equals("float64") ? 1e-12 : 1e-6);
            } else {
                Twins.assertIdentical(factory, data(type, sampleShape), labels(type), fit);
            }
            assertTrue(CompiledInference.batchesRun() > inferred, "compiled inference did not run");
        } finally {
            Backend.setFloatx("float32");
        }
    }

    static Stream<Arguments> shapeModels() {
        return Stream.of(
                Arguments.of("features, reshape to images, conv, flatten", new long[] {12},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(12), new Reshape(3, 2, 2),
                                new Conv2D(3, 2, 2).activation("tanh"), new Flatten())),
                Arguments.of("images, permute, conv, max pool, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 4, 2), new Permute(2, 1, 3),
                                new Conv2D(3, 2, 2).activation("relu"), new MaxPooling2D(2, 2), new Flatten())),
                Arguments.of("images, conv, reshape to features", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                                new Reshape(-1), new Dense(5, "relu"))),
                Arguments.of("images, conv, permute channels first, reshape to images, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                                new Permute(3, 1, 2), new Reshape(4, 9, 1), new Conv2D(2, 2, 2), new Flatten())),
                Arguments.of("features, dense, reshape to sequences, lstm", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(4), new Dense(8, "linear"),
                                new Reshape(4, 2), new LSTM(5))),
                Arguments.of("sequences, permute, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new Permute(2, 1),
                                new LSTM(4))),
                Arguments.of("sequences, lstm sequences, permute, lstm sequences, reshape to features",
                        new long[] {5, 3}, (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3),
                                new LSTM(4).returnSequences(true), new Permute(2, 1),
                                new LSTM(3).returnSequences(true), new Reshape(12))),
                Arguments.of("features, repeat vector, lstm", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(4), new RepeatVector(3),
                                new LSTM(5))),
                Arguments.of("features, dense, repeat vector, lstm sequences, lstm", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(4), new Dense(6, "relu"),
                                new RepeatVector(4), new LSTM(5).returnSequences(true), new LSTM(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeModels")
    void shapeLayersFloat32(String name, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertSameNumbers(name, "float32", sampleShape, layers);
    }


    static Stream<Arguments> spatialModels() {
        return Stream.of(
                Arguments.of("images, zero padding first, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new ZeroPadding2D(1, 2, 0, 1).inputShape(5, 4, 2),
                                new Conv2D(3, 2, 2).activation("relu"), new Flatten())),
                Arguments.of("images, conv, zero padding, conv, max pool, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).inputShape(5, 4, 2),
                                new ZeroPadding2D(), new Conv2D(2, 3, 3).activation("tanh"), new MaxPooling2D(2, 2),
                                new Flatten())),
                Arguments.of("images, cropping first, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Cropping2D(1, 0, 0, 1).inputShape(5, 4, 2),
                                new Conv2D(3, 2, 2), new Flatten())),
                Arguments.of("images, conv, cropping, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).activation("relu")
                                .inputShape(5, 4, 2), new Cropping2D(1, 1), new Conv2D(2, 1, 1), new Flatten())),
                Arguments.of("images, cropping, flatten, dense", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 4, 2), new Cropping2D(1, 2, 1, 0),
                                new Flatten(), new Dense(4, "relu"))),
                Arguments.of("images, upsampling first, conv, max pool, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new UpSampling2D(2, 3).inputShape(5, 4, 2),
                                new Conv2D(3, 3, 3), new MaxPooling2D(2, 2), new Flatten())),
                Arguments.of("images, conv, upsampling, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).activation("sigmoid")
                                .inputShape(5, 4, 2), new UpSampling2D(), new Conv2D(2, 2, 2), new Flatten())),
                Arguments.of("sequences, zero padding, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new ZeroPadding1D(1, 2),
                                new LSTM(4))),
                Arguments.of("sequences, lstm sequences, zero padding, cropping, upsampling, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new LSTM(4).returnSequences(true),
                                new ZeroPadding1D(2, 0), new Cropping1D(1, 2), new UpSampling1D(2), new LSTM(3))),
                Arguments.of("sequences, cropping, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new Cropping1D(0, 2),
                                new LSTM(4))),
                Arguments.of("sequences, upsampling, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new UpSampling1D(3),
                                new LSTM(4))),
                Arguments.of("sequences, lstm sequences, cropping, reshape to features", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new LSTM(4).returnSequences(true),
                                new Cropping1D(1, 1), new Reshape(12))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spatialModels")
    void spatialLayersFloat32(String name, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertIdentical("float32", sampleShape, layers);
    }


    static Stream<Arguments> noiseModels() {
        return Stream.of(
                Arguments.of("features, gaussian noise first, dense", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new GaussianNoise(0.5).inputShape(4),
                                new Dense(5, "relu"))),
                Arguments.of("features, dense, gaussian noise, dense", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(4), new Dense(6, "relu"),
                                new GaussianNoise(0.3), new Dense(5, "tanh"))),
                Arguments.of("features, gaussian dropout first, dense", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new GaussianDropout(0.4).inputShape(4),
                                new Dense(5, "relu"))),
                Arguments.of("features, dense, gaussian dropout, dense", new long[] {4},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(4), new Dense(6, "linear"),
                                new GaussianDropout(0.2), new Dense(5, "relu"))),
                Arguments.of("images, gaussian noise first, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new GaussianNoise(0.2).inputShape(5, 4, 2),
                                new Conv2D(3, 2, 2), new Flatten())),
                Arguments.of("images, conv, gaussian dropout, max pool, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(3, 2, 2).activation("relu")
                                .inputShape(5, 4, 2), new GaussianDropout(0.3), new MaxPooling2D(2, 2),
                                new Flatten())),
                Arguments.of("images, spatial dropout first, conv, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new SpatialDropout2D(0.5).inputShape(5, 4, 2),
                                new Conv2D(3, 2, 2), new Flatten())),
                Arguments.of("images, conv, spatial dropout, conv, max pool, flatten", new long[] {5, 4, 2},
                        (Supplier<List<Layer>>) () -> List.of(new Conv2D(4, 2, 2).activation("relu")
                                .inputShape(5, 4, 2), new SpatialDropout2D(0.3), new Conv2D(3, 2, 2),
                                new MaxPooling2D(2, 1), new Flatten())),
                Arguments.of("sequences, spatial dropout first, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new SpatialDropout1D(0.4).inputShape(5, 3),
                                new LSTM(4))),
                Arguments.of("sequences, lstm sequences, spatial dropout, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new LSTM(4).returnSequences(true),
                                new SpatialDropout1D(0.3), new LSTM(3))),
                Arguments.of("sequences, masking, spatial dropout, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new Masking(),
                                new SpatialDropout1D(0.3), new LSTM(4))),
                Arguments.of("sequences of unknown length, masking, spatial dropout, lstm", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(Shape.NONE, 3), new Masking(),
                                new SpatialDropout1D(0.5), new LSTM(4))),
                Arguments.of("sequences, lstm, gaussian noise, gaussian dropout", new long[] {5, 3},
                        (Supplier<List<Layer>>) () -> List.of(new InputLayer(5, 3), new LSTM(4),
                                new GaussianNoise(0.2), new GaussianDropout(0.2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noiseModels")
    void noiseLayersFloat32(String name, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertIdentical("float32", sampleShape, layers);
    }


    /** The models of float64's run: every layer type once (float32 runs them all). */
    private static final Set<String> FLOAT64 = Set.of("features, reshape to images, conv, flatten",
            "images, permute, conv, max pool, flatten", "features, dense, repeat vector, lstm sequences, lstm",
            "images, conv, zero padding, conv, max pool, flatten", "images, conv, cropping, conv, flatten",
            "images, conv, upsampling, conv, flatten",
            "sequences, lstm sequences, zero padding, cropping, upsampling, lstm",
            "features, dense, gaussian noise, dense", "features, dense, gaussian dropout, dense",
            "images, conv, spatial dropout, conv, max pool, flatten", "sequences, masking, spatial dropout, lstm");

    static Stream<Arguments> float64Models() {
        List<Arguments> models = Stream.of(shapeModels(), spatialModels(), noiseModels()).flatMap(s -> s)
                .filter(arguments -> FLOAT64.contains((String) arguments.get()[0])).toList();
        assertEquals(FLOAT64.size(), models.size(), "float64's models");
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float64Models")
    void float64(String name, long[] sampleShape, Supplier<List<Layer>> layers) {
        assertSameNumbers(name, "float64", sampleShape, layers);
    }
}
