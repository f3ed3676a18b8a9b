package io.github.keras4j.optimizers;

/**
 * One of Keras 3's per-variable optimizer slots ({@code Adam}'s {@code momentum}, {@code Adagrad}'s
 * {@code accumulator}...) and where keras4j's DL4J updater keeps it: a slot of the updater's state, which holds the
 * Keras value plus {@code stateOffset} (an updater computing Keras's rule with ND4J's kernels may keep, for one,
 * {@code accumulator + epsilon}).
 *
 * @param name        Keras's name of the slot, the suffix of its variable's name ({@code momentum}, {@code velocity})
 * @param dl4jSlot    the slot's index in the DL4J updater's state (slot-major, each slot parameter-sized)
 * @param stateOffset what the DL4J state holds beyond Keras's value
 */
public record KerasSlot(String name, int dl4jSlot, double stateOffset) {

    /** A slot the DL4J state holds exactly as Keras does. */
    public static KerasSlot of(String name, int dl4jSlot) {
        return new KerasSlot(name, dl4jSlot, 0.0);
    }
}
