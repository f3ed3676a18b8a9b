package io.github.keras4j.sweep;

import io.github.keras4j.internal.PythonRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The layout of a sweep's table. Every column's width is known before the first run (the settings are known and an
 * epoch count never exceeds the budget), so rows can be printed as their settings finish.
 */
final class SweepTable {

    private static final String GAP = "  ";
    private static final String NOT_REACHED = "-";
    private static final String[] SETTING_HEADERS =
        {"hidden_layers", "units", "activation", "optimizer", "learning_rate", "loss"};
    /** Numbers are right-aligned, names left-aligned. */
    private static final boolean[] SETTING_NUMERIC = {true, true, false, false, true, false};

    private final int[] settingWidths = new int[SETTING_HEADERS.length];
    private final List<String> seedHeaders = new ArrayList<>();
    private final int[] seedWidths;
    private final int medianWidth;

    SweepTable(List<SweepSetting> settings, List<Long> seeds, int epochBudget) {
        for (int c = 0; c < SETTING_HEADERS.length; c++) {
            settingWidths[c] = SETTING_HEADERS[c].length();
        }
        for (SweepSetting setting : settings) {
            String[] cells = cells(setting);
            for (int c = 0; c < cells.length; c++) {
                settingWidths[c] = Math.max(settingWidths[c], cells[c].length());
            }
        }
        int epochWidth = String.valueOf(epochBudget).length();
        seedWidths = new int[seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            String header = "seed " + seeds.get(s);
            seedHeaders.add(header);
            seedWidths[s] = Math.max(header.length(), epochWidth);
        }
        // A median of two epoch counts may end in ".5".
        medianWidth = Math.max("median".length(), epochWidth + 2);
    }

    private static String[] cells(SweepSetting setting) {
        return new String[] {String.valueOf(setting.hiddenLayers()), String.valueOf(setting.units()),
            setting.activation(), setting.optimizer(), PythonRepr.of(setting.learningRate()), setting.loss()};
    }

    List<String> header(String monitor, double target, int epochBudget) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < SETTING_HEADERS.length; c++) {
            append(line, SETTING_HEADERS[c], settingWidths[c], SETTING_NUMERIC[c]);
        }
        for (int s = 0; s < seedWidths.length; s++) {
            append(line, seedHeaders.get(s), seedWidths[s], true);
        }
        append(line, "median", medianWidth, true);
        return List.of("Epochs to " + monitor + " " + PythonRepr.of(target) + " (at most " + epochBudget
                + "; " + NOT_REACHED + " = not reached)", line.toString());
    }

    String row(SweepResult.Row row) {
        StringBuilder line = new StringBuilder();
        String[] cells = cells(row.setting());
        for (int c = 0; c < cells.length; c++) {
            append(line, cells[c], settingWidths[c], SETTING_NUMERIC[c]);
        }
        for (int s = 0; s < seedWidths.length; s++) {
            OptionalInt epochs = row.runs().get(s).epochs();
            append(line, epochs.isPresent() ? String.valueOf(epochs.getAsInt()) : NOT_REACHED, seedWidths[s], true);
        }
        OptionalDouble median = row.median();
        append(line, median.isPresent() ? epochText(median.getAsDouble()) : NOT_REACHED, medianWidth, true);
        return line.toString();
    }

    /** 87 or 87.5: a median of whole epochs has at most one half. */
    private static String epochText(double epochs) {
        return epochs == Math.rint(epochs) ? String.valueOf((long) epochs) : String.valueOf(epochs);
    }

    private static void append(StringBuilder line, String text, int width, boolean rightAligned) {
        if (line.length() > 0) {
            line.append(GAP);
        }
        String padding = " ".repeat(Math.max(0, width - text.length()));
        line.append(rightAligned ? padding + text : text + padding);
    }
}
