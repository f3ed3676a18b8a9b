package io.github.keras4j;

import io.github.keras4j.layers.Layer;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** tf.keras 2.11's {@code model.summary()} table for a Sequential model: 65 characters, columns at 29, 55, 65. */
final class ModelSummary {

    private static final int LINE_LENGTH = 65;
    private static final int[] POSITIONS = {29, 55, 65};

    private ModelSummary() {
    }

    static void print(Model model, Shape inputShape, Consumer<String> printFn) {
        printFn.accept("Model: \"" + model.name() + "\"");
        printFn.accept("_".repeat(LINE_LENGTH));
        printRow(printFn, "Layer (type)", "Output Shape", "Param #");
        printFn.accept("=".repeat(LINE_LENGTH));
        Shape shape = inputShape;
        long total = 0;
        long trainable = 0;
        List<Layer> layers = model.layers();
        for (Layer layer : layers) {
            long params = layer.countParams(shape);
            total += params;
            trainable += layer.countTrainableParams(shape);
            shape = layer.outputShape(shape);
            printRow(printFn, layer.name() + " (" + layer.className() + ")", shape.toString(),
                    String.valueOf(params));
            printFn.accept(" ".repeat(LINE_LENGTH));
        }
        printFn.accept("=".repeat(LINE_LENGTH));
        printFn.accept("Total params: " + thousands(total));
        printFn.accept("Trainable params: " + thousands(trainable));
        printFn.accept("Non-trainable params: " + thousands(total - trainable));
        printFn.accept("_".repeat(LINE_LENGTH));
    }

    /** Keras's print_row: each field starts one space in (the first) or at its column, cut to leave two spaces. */
    private static void printRow(Consumer<String> printFn, String... fields) {
        String[] left = fields.clone();
        while (anyLeft(left)) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < left.length; column++) {
                int start = column == 0 ? 0 : POSITIONS[column - 1];
                int end = POSITIONS[column];
                boolean lastColumn = column == POSITIONS.length - 1;
                int space = lastColumn ? 0 : 2;
                int cutoff = end - start - space - (lastColumn ? 0 : 1);
                String fit = left[column].substring(0, Math.min(cutoff, left[column].length()));
                if (column == 0) {
                    line.append(' ');
                }
                line.append(fit).append(" ".repeat(space));
                left[column] = left[column].substring(fit.length());
                line.append(" ".repeat(Math.max(0, end - line.length())));
            }
            printFn.accept(line.toString());
        }
    }

    private static boolean anyLeft(String[] fields) {
        for (String field : fields) {
            if (!field.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String thousands(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
