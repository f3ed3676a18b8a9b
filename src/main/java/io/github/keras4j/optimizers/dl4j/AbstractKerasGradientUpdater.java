package io.github.keras4j.optimizers.dl4j;

import java.util.LinkedHashMap;
import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.UpdaterStep;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state handling our gradient updaters share. The state is a fixed list of slots named as Keras names them, each
 * shaped like the gradient: views into DL4J's flat state array ({@code MultiLayerNetwork}) or the arrays of a map of
 * named arrays (SameDiff), set to their starting values when DL4J asks. A subclass names its slots, takes them into
 * its fields in {@link #useSlots} and applies its rule in {@code applyUpdater}, and again, as kernels bound to its
 * slots and a gradient view, in {@link #compile(INDArray)} for keras4j's compiled step (the same operations with the
 * same arguments, so the two give the same numbers).
 *
 * @param <C> the configuration this updater applies
 */
public abstract class AbstractKerasGradientUpdater<C extends AbstractKerasUpdater>
        implements GradientUpdater<C>, UpdaterStep {

    protected final C config;
    private final List<String> slotNames;
    private INDArray[] slots;

    protected AbstractKerasGradientUpdater(C config, String... slotNames) {
        this.config = config;
        this.slotNames = List.of(slotNames);
    }

    /**
     * {@code applyUpdater}'s operations as kernels on {@code gradient} (a vector view of the network's gradient)
     * and this updater's slots, their changing arguments set at each application.
     */
    protected abstract CompiledUpdater compile(INDArray gradient);

    @Override
    public final CompiledUpdater compile(GradientUpdater<?> updater, INDArray gradient) {
        if (updater != this) {
            throw new IllegalArgumentException("an updater compiles its own rule");
        }
        requireState();
        return compile(gradient);
    }

    /** Takes the state's arrays, one per slot name in the order given to the constructor. */
    protected abstract void useSlots(INDArray[] slots);

    /** What a slot holds before the first step: zero, where Keras starts its slots, unless a rule stores an offset. */
    protected double initialValue(String slotName) {
        return 0;
    }

    @Override
    public C getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, slotNames.toArray(new String[0]));
        INDArray[] arrays = new INDArray[slotNames.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = stateMap.get(slotNames.get(i));
        }
        take(arrays, initialize);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        take(StateViews.split(viewArray, slotNames.size(), gradientShape, gradientOrder), initialize);
    }

    private void take(INDArray[] arrays, boolean initialize) {
        if (initialize) {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i].assign(initialValue(slotNames.get(i)));
            }
        }
        slots = arrays;
        useSlots(arrays);
    }

    @Override
    public Map<String, INDArray> getState() {
        requireState();
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (int i = 0; i < slots.length; i++) {
            state.put(slotNames.get(i), slots[i]);
        }
        return state;
    }

    /** Throws unless DL4J has handed over the state; a step without it would fail deep inside ND4J. */
    protected void requireState() {
        if (slots == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
    }
}
