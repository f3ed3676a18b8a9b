package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonReprTest {

    @Test
    void printsPythonsShortestRoundTripDigitsInPythonsLayout() {
        assertEquals("9.811784751502961e-05", PythonRepr.of(9.811784751502961e-05));
        assertEquals("10.65792615907139", PythonRepr.of(10.65792615907139));
        assertEquals("1.1201309285195922e-08", PythonRepr.of(1.1201309285195922e-08));
        assertEquals("0.1", PythonRepr.of(0.1));
        assertEquals("1e+16", PythonRepr.of(1e16));
        assertEquals("1234567890123456.0", PythonRepr.of(1234567890123456.0));
        assertEquals("0.0001", PythonRepr.of(1e-4));
        assertEquals("2.0", PythonRepr.of(2.0));
        assertEquals("-0.0", PythonRepr.of(-0.0));
        assertEquals("nan", PythonRepr.of(Double.NaN));
        assertEquals("-inf", PythonRepr.of(Double.NEGATIVE_INFINITY));
        // Rounding the exact value to fewer digits is not always the nearest short string: Python's repr of 2^-1017.
        assertEquals("7.120236347223045e-307", PythonRepr.of(Math.scalb(1.0, -1017)));
    }
}
