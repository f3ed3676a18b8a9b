import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one Bench worker after setting ND4J's thread knobs from system properties, for bench/ab.py's experiments:
 * {@code -Dknob.master=N} (ND4J's master threads, its element-wise loops), {@code -Dknob.blas=N} (BLAS threads).
 * Prints the settings ND4J reports on standard error.
 */
public class Knob {
    public static void main(String[] args) throws Exception {
        io.github.keras4j.Backend.floatx(); // keras4j's native-library choice first, as in every keras4j program
        String master = System.getProperty("knob.master");
        String blas = System.getProperty("knob.blas");
        if (master != null) {
            Nd4j.getEnvironment().setMaxMasterThreads(Integer.parseInt(master));
        }
        if (blas != null) {
            Nd4j.factory().blas().setMaxThreads(Integer.parseInt(blas));
        }
        System.err.println("knob master=" + Nd4j.getEnvironment().maxMasterThreads() + " pool="
                + Nd4j.getEnvironment().maxThreads() + " blas=" + Nd4j.factory().blas().getMaxThreads());
        Bench.main(args);
    }
}
