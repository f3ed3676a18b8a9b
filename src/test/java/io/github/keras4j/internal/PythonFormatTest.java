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

    @Test
    void formatFillsKerasFilePathPlaceholders() {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("epoch", 3);
        values.put("val_loss", 0.123456);
        values.put("loss", 2.5);
        assertEquals("weights.03-0.12.hdf5", PythonFormat.format("weights.{epoch:02d}-{val_loss:.2f}.hdf5", values));
        assertEquals("e3 l2.5 {x}", PythonFormat.format("e{epoch} l{loss} {{x}}", values));
        assertEquals("1.235e-01|   3|12.35%", PythonFormat.format("{val_loss:.3e}|{epoch:4d}|{val_loss:.2%}", values));
        assertEquals("0.123456|2.5", PythonFormat.format("{val_loss:g}|{loss:g}", values));
        assertEquals("\"x{nope}\" names {nope}, which is not among [epoch, val_loss, loss]",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> PythonFormat.format("x{nope}", values)).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PythonFormat.format("{loss:>10}", values));
    }
}
