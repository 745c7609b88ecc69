package lockstep.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import lockstep.dl4j.Nd4jRuntime;

/**
 * Loads ND4J's backend and its OpenBLAS (which, run with OPENBLAS_VERBOSE=2, prints the core whose kernels it chose)
 * and prints the engine's side in one line: the Vector API species width of its kernels and the threads. benchmarks/run
 * calls it before timing, with the environment the benchmarks get, and prints both.
 */
public final class MachineKernels {
    private MachineKernels() {
    }

    public static void main(String[] args) {
        Nd4jRuntime.init();   // loads ND4J's backend and its OpenBLAS
        System.out.println("engine: Vector API " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors ("
                + FloatVector.SPECIES_PREFERRED.length() + " floats, " + DoubleVector.SPECIES_PREFERRED.length()
                + " doubles), " + Nd4jRuntime.threadCount() + " threads; DL4J/ND4J: " + Nd4jRuntime.threadCount()
                + " OpenBLAS threads");
    }
}
