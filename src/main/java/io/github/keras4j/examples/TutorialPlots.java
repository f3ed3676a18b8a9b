package io.github.keras4j.examples;

import io.github.keras4j.plot.Plots;
import io.github.keras4j.plot.RepresentationRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pictures of docs/training.md: tutorial 004's loss curve and decision regions (what its matplotlib cells draw), and
 * tutorial 001's XOR network watched while it learns (its hidden representation of the four points, its weights,
 * and the animation of the representation), tutorial 005's accuracy by string length and tutorial 006's misclassified
 * test digits. Arguments: the output
 * directory (default {@code docs/images}) and the seed (default 1).
 */
public final class TutorialPlots {

    /** Points drawn over tutorial 004's decision regions: enough to see the classes, few enough to see the map. */
    static final int SHOWN_POINTS = 1000;

    private TutorialPlots() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        for (Path file : write(dir, seed)) {
            System.out.println("wrote " + file);
        }
    }

    /** Trains the four tutorials with {@code seed} and writes their pictures into {@code dir}. */
    public static List<Path> write(Path dir, long seed) {
        List<Path> written = new ArrayList<>();

        Tutorial004GaussianXor.Result gaussian = Tutorial004GaussianXor.run(seed, 0);
        System.out.printf(Locale.ROOT, "tutorial 004: accuracy on 5000 fresh points %.4f%n", gaussian.testAccuracy());
        written.add(Plots.history(gaussian.history(), dir.resolve("tutorial004_history.png")));
        double[][] test = gaussian.xTest().toDoubleMatrix();
        double[][] shown = new double[Math.min(SHOWN_POINTS, test.length)][];
        System.arraycopy(test, 0, shown, 0, shown.length);
        INDArray labels = Nd4j.createFromArray(Tutorial004GaussianXor.xorLabels(shown));
        written.add(Plots.decisionRegions(gaussian.model(), Nd4j.createFromArray(shown), labels,
                dir.resolve("tutorial004_decision_regions.png")));

        INDArray inputs = Nd4j.createFromArray(Tutorial001LogicGates.INPUTS);
        double[] xor = Tutorial001LogicGates.GATES.get("XOR");
        INDArray targets = Nd4j.createFromArray(new double[][] {{xor[0]}, {xor[1]}, {xor[2]}, {xor[3]}});
        RepresentationRecorder recorder = new RepresentationRecorder(inputs, targets).every(25);
        Tutorial001LogicGates.Learned learned = Tutorial001LogicGates.learn("XOR", seed, recorder);
        System.out.println("tutorial 001: XOR " + (learned.learned() ? "learned at epoch " + learned.epoch()
                : "not learned in " + Tutorial001LogicGates.MAX_EPOCHS + " epochs"));
        written.add(recorder.writeRepresentation(dir.resolve("tutorial001_xor_representation.png")));
        written.add(recorder.writeParameters(dir.resolve("tutorial001_xor_parameters.png")));
        written.add(recorder.writeAnimation(dir.resolve("tutorial001_xor_representation.gif"), 40));
        written.add(Plots.decisionRegions(learned.model(), inputs, targets,
                dir.resolve("tutorial001_xor_decision_regions.png")));

        Tutorial005Parity.Result parity = Tutorial005Parity.run(seed, 0);
        System.out.printf(Locale.ROOT, "tutorial 005: accuracy on the held-back strings %.4f, by length %s%n",
                parity.testAccuracy(), parity.accuracyByLength());
        written.add(Plots.accuracyByLength(parity.accuracyByLength(), parity.trainedUpTo(),
                dir.resolve("tutorial005_accuracy_by_length.png")));

        Tutorial006Digits.Result digits = Tutorial006Digits.run(seed, 0);
        System.out.printf(Locale.ROOT, "tutorial 006: accuracy on the 360 test digits %.4f%n", digits.testAccuracy());
        written.add(Plots.misclassified(digits.model(), digits.xTest(), digits.yTest(),
                dir.resolve("tutorial006_misclassified.png")));
        return written;
    }
}
