package io.github.keras4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts a Spark context for a master URL, as {@code spark-submit --master} takes it, after checking the URL:
 * Spark itself accepts an unreachable standalone master and gives up a minute later, deep in its logs.
 */
public final class SparkMasters {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final Pattern HOST_PORT = Pattern.compile("([^:,/]+):([0-9]{1,5})");
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private SparkMasters() {
    }

    /**
     * A Spark context for {@code master}: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]},
     * {@code spark://host:port}, {@code yarn}, {@code k8s://...} or {@code mesos://...}. Local contexts bind to the
     * loopback address and run without Spark's web UI. With {@code master} null, spark-submit's master and
     * settings are used (its {@code spark.master}).
     *
     * @throws IllegalArgumentException for a URL Spark would not take, or a standalone master that cannot be reached
     */
    public static JavaSparkContext start(String master, String appName) {
        SparkClasspath.require();
        if (master == null) {
            if (System.getProperty("spark.master") == null) {
                throw new IllegalArgumentException("no Spark master: give one (--spark MASTER, or spark.master in the "
                        + "run config), or run under spark-submit --master");
            }
            return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(new SparkConf().setAppName(appName)));
        }
        check(master);
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName);
        if (master.startsWith("local")) {
            conf.set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the master URL
     */
    static void check(String master) {
        if (master.isBlank()) {
            throw new IllegalArgumentException(usage("an empty Spark master URL"));
        }
        if (master.startsWith("local")) {
            if (!LOCAL.matcher(master).matches()) {
                throw new IllegalArgumentException(usage("Spark master URL '" + master + "' is not a local one"));
            }
            return;
        }
        Matcher standalone = STANDALONE.matcher(master);
        if (standalone.matches()) {
            for (String hostPort : standalone.group(1).split(",")) {
                Matcher address = HOST_PORT.matcher(hostPort);
                if (!address.matches() || Integer.parseInt(address.group(2)) > 65535) {
                    throw new IllegalArgumentException(usage("Spark master URL '" + master + "' has '" + hostPort
                            + "' where host:port belongs"));
                }
                requireReachable(master, address.group(1), Integer.parseInt(address.group(2)));
            }
            return;
        }
        if (master.equals("yarn") || master.startsWith("k8s://") || master.startsWith("mesos://")) {
            return;
        }
        throw new IllegalArgumentException(usage("Could not parse Spark master URL: '" + master + "'"));
    }

    private static void requireReachable(String master, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the Spark master " + master + ": " + host + ":" + port
                    + " " + describe(e) + " (is the master running, and is this its host and port?)", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e instanceof UnknownHostException ? "is an unknown host"
                : message == null ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }

    private static String usage(String problem) {
        return problem + ". Valid Spark masters: local, local[N], local[*], local[N,F], spark://host:port, yarn, "
                + "k8s://https://host:port, mesos://host:port";
    }
}
