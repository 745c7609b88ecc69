package lockstep.linalg;

import jdk.incubator.vector.FloatVector;

/**
 * Picks the Vector API kernels for this machine: the 8 x 3L tile when the preferred vectors are
 * 512 bits wide (AVX-512: 32 vector registers hold its 24 accumulators), else the 6 x 2L tile
 * (AVX2: 16 registers). Both compute the same fma chains, so the choice never changes results.
 * Only {@link Kernels} names this class, and only when jdk.incubator.vector is in the boot layer.
 * Modifies nothing.
 */
final class VectorKernels {
    private VectorKernels() {
    }

    static Kernels forThisMachine() {
        return of(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512);
    }

    /** The wide (8 x 3L) or narrow (6 x 2L) pair; tests use both. */
    static Kernels of(boolean wide) {
        return wide
                ? new Kernels(new VectorFloat8x3Kernel(), new VectorDouble8x3Kernel(), true)
                : new Kernels(new VectorFloat6x2Kernel(), new VectorDouble6x2Kernel(), true);
    }
}
