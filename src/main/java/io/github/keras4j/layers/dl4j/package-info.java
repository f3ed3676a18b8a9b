/**
 * DL4J layer extensions behind keras4j's layers: they compute what DL4J's own layers compute, with less work per
 * training step. Built only by {@code engine.Dl4jTranslator}.
 */
package io.github.keras4j.layers.dl4j;
