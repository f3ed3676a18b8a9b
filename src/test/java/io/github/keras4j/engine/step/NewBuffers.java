package io.github.keras4j.engine.step;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Counts what ND4J registers with its deallocator service while some code runs: every data buffer (views and
 * workspace arrays included), every op context and workspace takes a number from the service's counter when it is
 * created. A compiled step after its warm-up must take none.
 */
final class NewBuffers {

    private static final AtomicLong COUNTER = counter();

    private NewBuffers() {
    }

    private static AtomicLong counter() {
        try {
            Field field = DeallocatorService.class.getDeclaredField("counter");
            field.setAccessible(true);
            return (AtomicLong) field.get(Nd4j.getDeallocatorService());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ND4J's DeallocatorService has no counter field any more: update the "
                    + "allocation count", e);
        }
    }

    /** How many data buffers, op contexts and workspaces {@code code} created. */
    static long countedIn(Runnable code) {
        long before = COUNTER.get();
        code.run();
        return COUNTER.get() - before;
    }
}
