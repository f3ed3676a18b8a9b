package io.github.keras4j.callbacks;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prints Keras's training log: the {@code Epoch 3/500} header, then the progress bar (verbose 1) or one line per
 * epoch (verbose 2); {@code evaluate} and {@code predict} print their bar too. Keras's
 * {@code keras.callbacks.ProgbarLogger}; the model adds it for {@code verbose > 0}, so it is rarely created by hand.
 */
public final class ProgbarLogger extends Callback {

    private Progbar progbar;
    private boolean calledInFit;
    private int verbose;
    private int epochs;
    private Integer steps;
    private int seen;

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        verbose = ((Number) params.getOrDefault("verbose", 1)).intValue();
        epochs = ((Number) params.getOrDefault("epochs", 1)).intValue();
        Object stepCount = params.get("steps");
        steps = stepCount == null ? null : ((Number) stepCount).intValue();
    }

    @Override
    public boolean usesBatchHooks() {
        return verbose == 1;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            resetProgbar();
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        resetProgbar();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        resetProgbar();
        if (verbose > 0 && epochs > 1) {
            System.out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        batchUpdate(batch, logs);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            batchUpdate(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        batchUpdate(batch, Map.of());
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finish(logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finish(logs);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finish(Map.of());
    }

    private void resetProgbar() {
        seen = 0;
        // Every value the model logs is already a running mean (Keras's stateful metrics): show it as given.
        Set<String> stateful = new HashSet<>();
        if (model() != null) {
            for (String name : model().metricsNames()) {
                stateful.add(name);
                stateful.add("val_" + name);
            }
        }
        progbar = new Progbar(steps, verbose, stateful);
    }

    private void batchUpdate(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs, false);
        }
    }

    private void finish(Map<String, Double> logs) {
        if (steps == null) {
            // An iterator of unknown length: its first epoch tells how many steps every epoch has.
            steps = seen;
            progbar.target(steps);
        }
        progbar.update(steps, logs, true);
    }
}
