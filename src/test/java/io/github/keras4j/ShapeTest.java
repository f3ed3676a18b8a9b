package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void printsAsKerasPrintsTheTupleWithItsBatchAxis() {
        assertEquals("(None, 20, 32)", Shape.of(20, 32).toString());
        assertEquals("(None, None, 1)", Shape.of(Shape.NONE, 1).toString());
        assertEquals("(None, 8, 8, 1)", Shape.of(8, 8, 1).toString());
        assertEquals("[28, 28, 1]", Shape.of(28, 28, 1).sizesText());
        assertEquals("[None, 1]", Shape.of(Shape.NONE, 1).sizesText());
    }

    @Test
    void rankSizesAndKinds() {
        Shape sequence = Shape.of(Shape.NONE, 3);
        assertEquals(2, sequence.rank());
        assertTrue(sequence.isSequence());
        assertFalse(sequence.isFeatures() || sequence.isImage());
        assertEquals(3, sequence.last());
        assertEquals(Shape.NONE, sequence.size(0));
        assertFalse(sequence.isKnown(0));
        assertFalse(sequence.isFullyKnown());
        assertEquals(Shape.of(Shape.NONE, 7), sequence.withLast(7));
        assertArrayEquals(new long[] {Shape.NONE, 3}, sequence.sizes());
        assertEquals(60, Shape.of(3, 4, 5).elementCount());
        assertThrows(UnsupportedOperationException.class, sequence::elementCount);
    }

    @Test
    void matchesArraysWithABatchAxisWhereverSizesAreKnown() {
        Shape sequence = Shape.of(Shape.NONE, 3);
        assertTrue(sequence.matches(new long[] {10, 5, 3}));
        assertTrue(sequence.matches(new long[] {1, 40, 3}));
        assertFalse(sequence.matches(new long[] {10, 5, 2}));
        assertFalse(sequence.matches(new long[] {10, 3}));
    }

    @Test
    void refusesSizesThatAreNeitherPositiveNorNone() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Shape.of(4, 0));
        assertEquals("the input size must be positive, received: [4, 0]", zero.getMessage());
        assertThrows(IllegalArgumentException.class, Shape::of);
        assertEquals(Shape.of(2, 3), Shape.of(2, 3));
        assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
    }
}
