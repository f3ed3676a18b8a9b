package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonFormatTest {

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEvenAsPythonDoes() {
        // Python: '%.4f' % 0.24855 == '0.2485' (the double is just below ...55); Java's String.format gives 0.2486.
        assertEquals("0.2485", PythonFormat.fixed(0.24855, 4));
        assertEquals("0.2479", PythonFormat.fixed(0.2479, 4));
        assertEquals("1.0000", PythonFormat.fixed(0.99999, 4));
        assertEquals("2", PythonFormat.fixed(2.5, 0));
        assertEquals("4", PythonFormat.fixed(3.5, 0));
        assertEquals("0", PythonFormat.fixed(0.4, 0));
        assertEquals("-0.0000", PythonFormat.fixed(-0.00001, 4));
        assertEquals("-1.5000", PythonFormat.fixed(-1.5, 4));
    }

    @Test
    void scientificHasFourDecimalsAndATwoDigitExponent() {
        assertEquals("1.3863e-04", PythonFormat.scientific(1.3863e-4, 4));
        assertEquals("6.9653e-04", PythonFormat.scientific(6.9653e-4, 4));
        assertEquals("1.0000e-03", PythonFormat.scientific(9.99996e-4, 4));
        assertEquals("0.0000e+00", PythonFormat.scientific(0.0, 4));
        assertEquals("-2.5000e-05", PythonFormat.scientific(-2.5e-5, 4));
        assertEquals("1.2346e+10", PythonFormat.scientific(1.23456e10, 4));
        assertEquals("1.0000e-100", PythonFormat.scientific(1e-100, 4));
    }

    @Test
    void nonFiniteValuesPrintAsPythonDoes() {
        assertEquals("nan", PythonFormat.fixed(Double.NaN, 4));
        assertEquals("inf", PythonFormat.scientific(Double.POSITIVE_INFINITY, 4));
        assertEquals("-inf", PythonFormat.fixed(Double.NEGATIVE_INFINITY, 4));
    }
}
