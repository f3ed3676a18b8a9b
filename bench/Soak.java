import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Soak run: tutorial 002's XOR trained for many steps through keras4j's fit, resident memory (VmRSS) printed as it
 * goes. Passes when the largest RSS after warm-up (the first 10% of the steps) is within 10% of the RSS at the end
 * of warm-up. Run by bench/soak.sh: {@code java -cp target/keras4j.jar bench/Soak.java [steps] [samples]}.
 */
public class Soak {

    public static void main(String[] args) throws Exception {
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");

        long chunk = Math.max(1, steps / samples);
        long done = 0;
        long warmRss = -1;
        long maxAfterWarm = 0;
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "training path: %s; max heap %d MB%n",
                io.github.keras4j.Backend.compiledSteps() ? "compiled" : "dl4j", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%10s %10s %10s %8s%n", "steps", "rss_mb", "heap_mb", "us/step");
        while (done < steps) {
            long n = Math.min(chunk, steps - done);
            long chunkStart = System.nanoTime();
            model.fit(x, y, Fit.epochs((int) n).verbose(0));
            done += n;
            long rss = rssKb();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%10d %10.1f %10.1f %8.0f%n", done, rss / 1024.0,
                    (rt.totalMemory() - rt.freeMemory()) / 1048576.0, (System.nanoTime() - chunkStart) / 1e3 / n);
            if (warmRss < 0 && done >= steps / 10) {
                warmRss = rss;
            } else if (warmRss >= 0) {
                maxAfterWarm = Math.max(maxAfterWarm, rss);
            }
        }
        double growth = warmRss > 0 ? (maxAfterWarm - warmRss) / (double) warmRss : Double.NaN;
        System.out.printf(Locale.ROOT, "SOAK steps=%d seconds=%.0f rss_after_warmup_mb=%.1f max_rss_after_mb=%.1f "
                + "growth=%.1f%% %s%n", steps, (System.nanoTime() - start) / 1e9, warmRss / 1024.0,
                maxAfterWarm / 1024.0, 100 * growth, growth <= 0.10 ? "FLAT" : "GROWING");
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
