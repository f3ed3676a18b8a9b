package io.github.keras4j.initializers;

import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The initializers Keras knows by name ({@code keras.initializers.get}): each constant carries the snake_case
 * name, Keras's class name and the other aliases tf.keras 2.x accepts ({@code "zero"}, {@code "one"},
 * {@code "normal"}, {@code "uniform"} and the {@code ...V2} names of old saved configs). Names match exactly, as in
 * Keras. {@link #get(String)} returns the initializer with Keras's default arguments.
 */
public enum Initializers implements KerasNamed {
    GLOROT_UNIFORM("glorot_uniform", List.of("GlorotUniform", "GlorotUniformV2", "glorot_uniformV2"),
            args -> done(varianceScaling(args), new GlorotUniform())),
    GLOROT_NORMAL("glorot_normal", List.of("GlorotNormal", "GlorotNormalV2", "glorot_normalV2"),
            args -> done(varianceScaling(args), new GlorotNormal())),
    HE_UNIFORM("he_uniform", List.of("HeUniform", "HeUniformV2", "he_uniformV2"),
            args -> done(varianceScaling(args), new HeUniform())),
    HE_NORMAL("he_normal", List.of("HeNormal", "HeNormalV2", "he_normalV2"),
            args -> done(varianceScaling(args), new HeNormal())),
    LECUN_UNIFORM("lecun_uniform", List.of("LecunUniform", "LecunUniformV2", "lecun_uniformV2"),
            args -> done(varianceScaling(args), new LecunUniform())),
    LECUN_NORMAL("lecun_normal", List.of("LecunNormal", "LecunNormalV2", "lecun_normalV2"),
            args -> done(varianceScaling(args), new LecunNormal())),
    ZEROS("zeros", List.of("Zeros", "zero", "ZerosV2"), args -> done(args, new Zeros())),
    ONES("ones", List.of("Ones", "one", "OnesV2"), args -> done(args, new Ones())),
    CONSTANT("constant", List.of("Constant", "ConstantV2"),
            args -> done(args, new Constant(args.number("value", Constant.DEFAULT_VALUE)))),
    RANDOM_NORMAL("random_normal", List.of("RandomNormal", "normal", "RandomNormalV2"),
            args -> done(seeded(args), new RandomNormal(
                    args.number("mean", RandomNormal.DEFAULT_MEAN), args.number("stddev", RandomNormal.DEFAULT_STDDEV)))),
    RANDOM_UNIFORM("random_uniform", List.of("RandomUniform", "uniform", "RandomUniformV2"),
            args -> done(seeded(args), new RandomUniform(
                    args.number("minval", RandomUniform.DEFAULT_MINVAL), args.number("maxval", RandomUniform.DEFAULT_MAXVAL)))),
    TRUNCATED_NORMAL("truncated_normal", List.of("TruncatedNormal", "TruncatedNormalV2"),
            args -> done(seeded(args), new TruncatedNormal(
                    args.number("mean", TruncatedNormal.DEFAULT_MEAN), args.number("stddev", TruncatedNormal.DEFAULT_STDDEV)))),
    ORTHOGONAL("orthogonal", List.of("Orthogonal", "OrthogonalV2"),
            args -> done(seeded(args), new Orthogonal(args.number("gain", Orthogonal.DEFAULT_GAIN)))),
    VARIANCE_SCALING("variance_scaling", List.of("VarianceScaling", "VarianceScalingV2"),
            args -> done(varianceScaling(args), new VarianceScaling(
                    args.number("scale", VarianceScaling.DEFAULT_SCALE),
                    args.string("mode", VarianceScaling.DEFAULT_MODE),
                    args.string("distribution", VarianceScaling.DEFAULT_DISTRIBUTION)))),
    IDENTITY("identity", List.of("Identity", "IdentityV2"),
            args -> done(args, new Identity(args.number("gain", Identity.DEFAULT_GAIN))));

    private static final String CONCEPT = "initializer";

    private final String kerasName;
    private final List<String> aliases;
    private final Function<ConfigReader, Initializer> factory;

    Initializers(String kerasName, List<String> aliases, Function<ConfigReader, Initializer> factory) {
        this.kerasName = kerasName;
        this.aliases = aliases;
        this.factory = factory;
    }

    @Override
    public String kerasName() {
        return kerasName;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** A new initializer of this kind with Keras's default arguments. */
    public Initializer create() {
        return fromConfig(Map.of());
    }

    /**
     * A new initializer of this kind from a Keras config ({@code get_config()}'s dict). Absent keys take Keras's
     * defaults; {@code seed} is accepted where Keras takes one and has no effect (the model's seed applies);
     * {@code dtype} is ignored as in Keras; any other key is an error.
     */
    public Initializer fromConfig(Map<String, ?> config) {
        return fromConfig(ConfigReader.arguments(config, CONCEPT + " " + (aliases.isEmpty() ? kerasName
                : aliases.get(0))));
    }

    /** {@link #fromConfig(Map)} from a reader that knows the config's place (a layer's initializer in a file). */
    public Initializer fromConfig(ConfigReader config) {
        // Keras's from_config drops dtype.
        return factory.apply(config.acceptUnlisted("dtype"));
    }

    /** Seeds are accepted and have no effect here: the model's seed applies. */
    private static ConfigReader seeded(ConfigReader args) {
        args.accept("seed");
        return args;
    }

    /**
     * The arguments every variance-scaling initializer (Glorot, He, LeCun, VarianceScaling) takes beside its own:
     * {@code seed}, and the fan axes newer Keras 3 writes ({@code input_axes}, {@code output_axes}), whose only
     * supported value is null: Keras's default fans (the kernel's last axis is the output, the others the input),
     * which keras4j computes.
     */
    private static ConfigReader varianceScaling(ConfigReader args) {
        seeded(args);
        for (String key : List.of("input_axes", "output_axes")) {
            Object axes = args.read(key);
            if (axes != null) {
                throw new UnsupportedOperationException(args.place() + ": " + key + "=" + axes + " is not "
                        + "supported; only None (Keras's default fans)");
            }
        }
        return args;
    }

    /** The initializer, once no key of the config is left unread (Keras's constructor fails on an unknown one). */
    private static Initializer done(ConfigReader args, Initializer initializer) {
        args.requireAllRead();
        return initializer;
    }

    /**
     * The initializer Keras means by {@code name}, with Keras's default arguments ({@code "glorot_uniform"},
     * {@code "GlorotUniform"}, {@code "zeros"}...).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones and the closest
     */
    public static Initializer get(String name) {
        return of(name).create();
    }

    /** The registry constant for {@code name} (a Keras name or alias). */
    public static Initializers of(String name) {
        return Registry.lookup(Initializers.class, CONCEPT, name);
    }

    /**
     * The initializer a Keras config describes, {@code {"class_name": className, "config": config}}
     * ({@code keras.initializers.deserialize}).
     */
    public static Initializer fromConfig(String className, Map<String, ?> config) {
        return of(className).fromConfig(config);
    }

    /** {@link #fromConfig(String, Map)} from a reader that knows the config's place. */
    public static Initializer fromConfig(String className, ConfigReader config) {
        return of(className).fromConfig(config);
    }

    /**
     * Keras's fans of a weight shape ({@code _compute_fans}): {fan_in, fan_out}. A scalar has 1 and 1, a vector
     * its length twice, a matrix its rows and columns; for higher ranks (Keras's convolution kernels,
     * spatial dims first, then input and output channels) the channel counts times the receptive field size.
     */
    public static double[] kerasFans(long... shape) {
        if (shape.length == 0) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new double[] {shape[0], shape[1]};
        }
        double receptiveField = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptiveField *= shape[i];
        }
        return new double[] {shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField};
    }

    /**
     * A new C-ordered array of Keras's {@code shape} filled by {@code initializer} with Keras's fans, as
     * {@code initializer(shape, dtype)} in Keras; for example a bias vector of shape {n} (fans n and n). Random
     * values come from ND4J's global RNG.
     */
    public static INDArray generate(Initializer initializer, DataType dataType, long... shape) {
        double[] fans = kerasFans(shape);
        INDArray values = Nd4j.create(dataType, shape, 'c');
        initializer.toDl4j().init(fans[0], fans[1], shape, 'c', values.reshape('c', new long[] {values.length()}));
        return values;
    }
}
