package io.github.keras4j.activations;

import io.github.keras4j.activations.dl4j.ActivationExactGELU;
import io.github.keras4j.activations.dl4j.ActivationExponential;
import io.github.keras4j.activations.dl4j.ActivationKeras3HardSigmoid;
import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Activation functions by Keras name, as {@code keras.activations.get(name)}:
 * {@code new Dense(16, "relu")} or {@code new Dense(16).activation(Activations.RELU)}.
 */
public enum Activations implements KerasNamed {
    /** {@code max(x, 0)}. */
    RELU("relu", ActivationReLU::new),
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID("sigmoid", ActivationSigmoid::new),
    /** Hyperbolic tangent. */
    TANH("tanh", ActivationTanH::new),
    /** Softmax over the last axis. */
    SOFTMAX("softmax", ActivationSoftmax::new),
    /** The identity, Keras's default for {@code Dense}. */
    LINEAR("linear", ActivationIdentity::new),
    /** {@code x} for x > 0, else {@code alpha (exp(x) - 1)} with Keras's alpha 1.0. */
    ELU("elu", () -> new ActivationELU(1.0)),
    /** Scaled ELU with the constants of Klambauer et al. (the same in Keras and DL4J). */
    SELU("selu", ActivationSELU::new),
    /** {@code log(exp(x) + 1)}. */
    SOFTPLUS("softplus", ActivationSoftPlus::new),
    /** {@code x / (|x| + 1)}. */
    SOFTSIGN("softsign", ActivationSoftSign::new),
    /** Keras 1's and 2's {@code clip(0.2 x + 0.5, 0, 1)} (Keras 3 changed it: {@link #KERAS3_HARD_SIGMOID}). */
    HARD_SIGMOID("hard_sigmoid", ActivationHardSigmoid::new),
    /**
     * Keras 3's {@code hard_sigmoid}, {@code relu6(x + 3) / 6}: what a Keras 3 file's {@code "hard_sigmoid"} is read as
     * (keras4j writes tf.keras 2.x's configs, where that name means {@link #HARD_SIGMOID}).
     */
    KERAS3_HARD_SIGMOID("keras3_hard_sigmoid", ActivationKeras3HardSigmoid::new),
    /** {@code x sigmoid(x)}; Keras accepts both names. */
    SILU("silu", ActivationSwish::new, "swish"),
    /** The exact GELU, {@code x Phi(x)}, Keras's default {@code approximate=False}. */
    GELU("gelu", ActivationExactGELU::new),
    /** {@code exp(x)}. */
    EXPONENTIAL("exponential", ActivationExponential::new),
    /** {@code max(x, 0.2 x)}: Keras's and {@code tf.nn.leaky_relu}'s default slope is 0.2 (DL4J's is 0.01). */
    LEAKY_RELU("leaky_relu", () -> new ActivationLReLU(0.2));

    private final String kerasName;
    private final Supplier<IActivation> dl4j;
    private final List<String> aliases;

    Activations(String kerasName, Supplier<IActivation> dl4j, String... aliases) {
        this.kerasName = kerasName;
        this.dl4j = dl4j;
        this.aliases = List.of(aliases);
    }

    /** The activation Keras knows by {@code name}. */
    public static Activations get(String name) {
        return Registry.lookup(Activations.class, "activation", name);
    }

    @Override
    public String kerasName() {
        return kerasName;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** A new DL4J activation function computing this one. */
    public IActivation toDl4j() {
        return dl4j.get();
    }
}
