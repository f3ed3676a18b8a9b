package io.github.keras4j.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** What a {@link Sweep} found: one {@link Row} per setting, in grid order, and the table it printed. */
public final class SweepResult {

    /**
     * One training run: the epoch (counted from 1) at which the target was first reached, empty if it was not
     * reached within the budget; {@code diverged} when the loss became NaN or infinite (then also not reached).
     */
    public record SeedRun(long seed, OptionalInt epochs, boolean diverged) {
        public SeedRun {
            Objects.requireNonNull(epochs, "epochs");
        }

        public boolean reached() {
            return epochs.isPresent();
        }
    }

    /** A setting and its runs, one per seed in the sweep's order. */
    public record Row(SweepSetting setting, List<SeedRun> runs) {
        public Row {
            Objects.requireNonNull(setting, "setting");
            runs = List.copyOf(runs);
        }

        /**
         * The median over the seeds of the epochs to target, a run that did not reach the target ranking above every
         * run that did (it would need more epochs than the budget); empty when the median falls on such a run, i.e.
         * when at most half of the runs reached the target. With an even number of runs it is the mean of the two
         * middle ones.
         */
        public OptionalDouble median() {
            double[] epochs = new double[runs.size()];
            for (int i = 0; i < epochs.length; i++) {
                OptionalInt reached = runs.get(i).epochs();
                epochs[i] = reached.isPresent() ? reached.getAsInt() : Double.POSITIVE_INFINITY;
            }
            Arrays.sort(epochs);
            int middle = epochs.length / 2;
            double median = epochs.length % 2 == 1 ? epochs[middle] : (epochs[middle - 1] + epochs[middle]) / 2;
            return Double.isInfinite(median) ? OptionalDouble.empty() : OptionalDouble.of(median);
        }

        /** How many of the runs reached the target. */
        public int reachedCount() {
            return (int) runs.stream().filter(SeedRun::reached).count();
        }
    }

    private final String monitor;
    private final double target;
    private final int epochBudget;
    private final List<Long> seeds;
    private final List<Row> rows;
    private final SweepTable table;

    SweepResult(String monitor, double target, int epochBudget, List<Long> seeds, List<Row> rows, SweepTable table) {
        this.monitor = monitor;
        this.target = target;
        this.epochBudget = epochBudget;
        this.seeds = List.copyOf(seeds);
        this.rows = List.copyOf(rows);
        this.table = table;
    }

    /** The metric that had to reach the target (as the logs name it in the sweep's compile). */
    public String monitor() {
        return monitor;
    }

    public double target() {
        return target;
    }

    /** The epoch budget of each run. */
    public int epochs() {
        return epochBudget;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** One row per setting, in the order of {@link Sweep#settings()}. */
    public List<Row> rows() {
        return rows;
    }

    /** The table's lines, as the sweep printed them. */
    public List<String> table() {
        List<String> lines = new ArrayList<>(table.header(monitor, target, epochBudget));
        rows.forEach(row -> lines.add(table.row(row)));
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), table());
    }
}
