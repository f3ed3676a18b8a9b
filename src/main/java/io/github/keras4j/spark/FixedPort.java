package io.github.keras4j.spark;

import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The gradient-sharing parameter server's port. DL4J's own {@code StaticPortSupplier(int)} (1.0.0-M2) checks its
 * argument but keeps its default, 49876, whatever port it is given.
 */
record FixedPort(int port) implements PortSupplier {

    private static final long serialVersionUID = 1L;

    @Override
    public int getPort() {
        return port;
    }
}
