package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Nd4jRuntime#setThreads} reaches OpenBLAS and goes back; ND4J 1.0.0-M2.1 keeps its own ops' thread count
 * from start ({@code Environment.setMaxThreads} does nothing), which is why {@code ./lockstep train} sets
 * OMP_NUM_THREADS.
 */
class Nd4jRuntimeTest {

    @Test
    void setThreadsPinsNd4jAndOpenBlas() {
        int before = Nd4jRuntime.threadCount();
        try {
            int ops = Nd4jRuntime.opThreads();
            Nd4jRuntime.setThreads(ops + 1);
            assertEquals(ops + 1, Nd4j.factory().blas().getMaxThreads());
            assertEquals(ops, Nd4j.getEnvironment().maxThreads(), "ND4J's own ops keep the count they started with");
            assertEquals(ops + 1, Nd4jRuntime.threadCount());
        } finally {
            Nd4jRuntime.setThreads(before);
        }
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.setThreads(0));
    }
}
