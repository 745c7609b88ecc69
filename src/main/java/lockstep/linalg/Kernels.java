package lockstep.linalg;

/**
 * The FLOAT and DOUBLE micro-kernels a {@link FastMatMul} uses: the Vector API ones when the
 * module jdk.incubator.vector is in the boot layer, else the scalar ones. The vector classes are
 * reached only through {@link #vectorKernels()}, so without the module they are never loaded.
 * Immutable; modifies nothing.
 */
record Kernels(FloatKernel floats, DoubleKernel doubles, boolean vector) {

    static final boolean VECTOR_MODULE_PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    static final Kernels SCALAR = new Kernels(new ScalarFloatKernel(), new ScalarDoubleKernel(), false);
    static final Kernels BEST = VECTOR_MODULE_PRESENT ? vectorKernels() : SCALAR;

    /** The tile height of the kernel for {@code dtype}. */
    int mr(DType dtype) {
        return dtype == DType.FLOAT ? floats.blocking().mr() : doubles.blocking().mr();
    }

    /** The tile width of the kernel for {@code dtype}. */
    int nr(DType dtype) {
        return dtype == DType.FLOAT ? floats.blocking().nr() : doubles.blocking().nr();
    }

    private static Kernels vectorKernels() {
        try {
            return VectorKernels.forThisMachine();
        } catch (LinkageError e) { // module present but unusable: stay correct on the scalar path
            return SCALAR;
        }
    }
}
