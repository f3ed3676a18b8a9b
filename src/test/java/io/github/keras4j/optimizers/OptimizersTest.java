package io.github.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.internal.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizersTest {

    @Test
    void canonicalNamesAreKerasLowerCaseNames() {
        assertEquals(List.of("sgd", "adam", "adamax", "nadam", "adagrad", "adadelta", "rmsprop"),
                Registry.canonicalNames(Optimizers.class));
    }

    @ParameterizedTest
    @CsvSource({
        "sgd, SGD", "SGD, SGD", "experimentalsgd, SGD",
        "adam, Adam", "Adam, Adam", "experimentaladam, Adam",
        "adamax, Adamax", "Adamax, Adamax",
        "nadam, Nadam", "Nadam, Nadam",
        "adagrad, Adagrad", "Adagrad, Adagrad", "experimentaladagrad, Adagrad",
        "adadelta, Adadelta", "Adadelta, Adadelta", "experimentaladadelta, Adadelta",
        "rmsprop, RMSprop", "RMSprop, RMSprop",
    })
    void kerasNamesAndClassNamesGiveTheOptimizer(String name, String className) {
        assertEquals(className, Optimizers.get(name).className());
    }

    @Test
    void lookupIgnoresCaseAsKerasDoes() {
        // tf.keras lower-cases the class name before looking up a built-in optimizer.
        assertInstanceOf(Adam.class, Optimizers.get("ADAM"));
        assertInstanceOf(RMSprop.class, Optimizers.get("RmsProp"));
        assertInstanceOf(SGD.class, Optimizers.get("Sgd"));
    }

    @Test
    void getReturnsAFreshInstanceWithKerasDefaults() {
        Optimizer first = Optimizers.get("adam");
        Optimizer second = Optimizers.get("adam");
        assertNotSame(first, second);
        assertEquals(new Adam(), first);
        assertEquals(new SGD(), Optimizers.get("sgd"));
        assertEquals(new RMSprop(), Optimizers.get("rmsprop"));
        assertEquals(new Adagrad(), Optimizers.get("adagrad"));
        assertEquals(new Adadelta(), Optimizers.get("adadelta"));
        assertEquals(new Adamax(), Optimizers.get("adamax"));
        assertEquals(new Nadam(), Optimizers.get("nadam"));
        assertEquals(new Nadam(), Optimizers.NADAM.create());
    }

    @Test
    void unknownNameListsValidNamesAndTheClosest() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamm"));
        assertTrue(error.getMessage().startsWith("unknown optimizer 'adamm'; did you mean 'adam'? valid: sgd, adam,"),
                error.getMessage());
        assertTrue(error.getMessage().contains("RMSprop"), error.getMessage());
    }

    @Test
    void nullNameIsAnUnknownName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
        assertTrue(error.getMessage().startsWith("unknown optimizer 'null'"), error.getMessage());
    }

    @Test
    void kerasOptimizerWeDoNotImplementSaysSo() {
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> Optimizers.get("Ftrl"));
        assertEquals("Keras's Ftrl optimizer is not implemented in keras4j; available: sgd, adam, adamax, nadam, "
                + "adagrad, adadelta, rmsprop", error.getMessage());
    }
}
