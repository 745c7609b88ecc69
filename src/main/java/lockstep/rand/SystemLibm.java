package lockstep.rand;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The host's libm log/cos/sin/logf/cosf/sinf through the incubating foreign linker of Java 17
 * ({@code jdk.incubator.foreign}). Only {@link Libm#best()} names this class, and it touches the
 * foreign API only when that module is in the boot layer; {@link #INSTANCE} is null when it is absent,
 * when native access is not enabled or when a symbol is missing. Immutable.
 */
final class SystemLibm implements Libm {
    static final SystemLibm INSTANCE = load();

    private final MethodHandle log;
    private final MethodHandle cos;
    private final MethodHandle sin;
    private final MethodHandle logf;
    private final MethodHandle cosf;
    private final MethodHandle sinf;

    private SystemLibm(MethodHandle[] h) {
        log = h[0];
        cos = h[1];
        sin = h[2];
        logf = h[3];
        cosf = h[4];
        sinf = h[5];
    }

    private static SystemLibm load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
            return null;
        }
        try {
            return new SystemLibm(Linker.handles());
        } catch (RuntimeException | LinkageError e) { // e.g. IllegalCallerException without --enable-native-access
            return null;
        }
    }

    /** The foreign-API calls, in a nested class so that they are loaded only when the module is present. */
    private static final class Linker {
        static MethodHandle[] handles() {
            jdk.incubator.foreign.CLinker linker = jdk.incubator.foreign.CLinker.getInstance();
            jdk.incubator.foreign.SymbolLookup libc = jdk.incubator.foreign.CLinker.systemLookup();
            String[] names = {"log", "cos", "sin", "logf", "cosf", "sinf"};
            MethodHandle[] handles = new MethodHandle[names.length];
            for (int i = 0; i < names.length; i++) {
                boolean single = names[i].endsWith("f");
                Class<?> type = single ? float.class : double.class;
                jdk.incubator.foreign.MemoryLayout c = single ? jdk.incubator.foreign.CLinker.C_FLOAT
                        : jdk.incubator.foreign.CLinker.C_DOUBLE;
                String name = names[i];
                handles[i] = linker.downcallHandle(
                        libc.lookup(name).orElseThrow(() -> new IllegalStateException("no " + name + " in libm")),
                        MethodType.methodType(type, type), jdk.incubator.foreign.FunctionDescriptor.of(c, c));
            }
            return handles;
        }
    }

    @Override
    public double log(double x) {
        return callDouble(log, x);
    }

    @Override
    public double cos(double x) {
        return callDouble(cos, x);
    }

    @Override
    public double sin(double x) {
        return callDouble(sin, x);
    }

    @Override
    public float logf(float x) {
        return callFloat(logf, x);
    }

    @Override
    public float cosf(float x) {
        return callFloat(cosf, x);
    }

    @Override
    public float sinf(float x) {
        return callFloat(sinf, x);
    }

    @Override
    public boolean isHostLibm() {
        return true;
    }

    private static double callDouble(MethodHandle h, double x) {
        try {
            return (double) h.invokeExact(x);
        } catch (Throwable t) {
            throw new IllegalStateException("libm call failed", t);
        }
    }

    private static float callFloat(MethodHandle h, float x) {
        try {
            return (float) h.invokeExact(x);
        } catch (Throwable t) {
            throw new IllegalStateException("libm call failed", t);
        }
    }
}
