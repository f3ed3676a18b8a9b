import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Soak run: tutorial 002's XOR trained for many steps through keras4j's fit, resident memory (VmRSS) printed as it
 * goes. Passes when the largest RSS after warm-up is within 10% of the RSS at the end of warm-up. Warm-up is the first
 * 10% of the steps and then until the next garbage collection: until the young generation has filled once, resident
 * memory climbs as the heap G1 chose is touched for the first time, whatever the program does (with the default heap
 * on a 24 GB machine, by about 200 MB over the first 160,000 steps, then flat). The growth after the first 10% of the
 * steps alone, the mark before stop 23, is printed too. Run by bench/soak.sh.
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
        long warmSteps = -1;
        long maxAfterWarm = 0;
        long tenthRss = -1;
        long collectionsAtTenth = 0;
        long maxAfterTenth = 0;
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
            if (tenthRss < 0 && done >= steps / 10) {
                tenthRss = rss;
                collectionsAtTenth = collections();
            } else if (tenthRss >= 0) {
                maxAfterTenth = Math.max(maxAfterTenth, rss);
            }
            if (warmRss < 0 && tenthRss >= 0 && collections() > collectionsAtTenth) {
                warmRss = rss;
                warmSteps = done;
            } else if (warmRss >= 0) {
                maxAfterWarm = Math.max(maxAfterWarm, rss);
            }
        }
        double growth = warmRss > 0 ? (Math.max(maxAfterWarm, warmRss) - warmRss) / (double) warmRss : Double.NaN;
        double tenthGrowth = tenthRss > 0 ? (maxAfterTenth - tenthRss) / (double) tenthRss : Double.NaN;
        System.out.printf(Locale.ROOT, "SOAK steps=%d seconds=%.0f warmup_steps=%d rss_after_warmup_mb=%.1f "
                + "max_rss_after_mb=%.1f growth=%.1f%% %s (after the first 10%% of the steps alone: %.1f%%)%n", steps,
                (System.nanoTime() - start) / 1e9, warmSteps, warmRss / 1024.0, maxAfterWarm / 1024.0, 100 * growth,
                growth <= 0.10 ? "FLAT" : "GROWING", 100 * tenthGrowth);
    }

    /** Garbage collections so far, of every collector. */
    static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
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
