package io.github.keras4j.engine;

import io.github.keras4j.metrics.Metric;
import java.util.Objects;

/** A metric as compiled into a model: the name the logs show (what the user wrote) and the concrete metric. */
public record CompiledMetric(String displayName, Metric metric) {

    public CompiledMetric {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(metric, "metric");
    }
}
