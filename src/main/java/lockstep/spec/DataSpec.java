package lockstep.spec;

/**
 * Where the examples come from: the embedded Iris set ({@code source = "iris"}), a CSV file of
 * numbers whose column {@code labelColumn} (0-based) holds the class index 0..classes-1, or
 * Fashion-MNIST ({@code source = "fashion-mnist"}, {@code path} its directory or null for the
 * Debian package's, {@code limit} / {@code testLimit} the number of leading training / test examples
 * to use, 0 for all).
 */
public record DataSpec(String source, String path, int labelColumn, int classes, int limit, int testLimit) {

    public static final String IRIS = "iris";
    public static final String CSV = "csv";
    public static final String FASHION_MNIST = "fashion-mnist";

    /** A dataset without limits. */
    public DataSpec(String source, String path, int labelColumn, int classes) {
        this(source, path, labelColumn, classes, 0, 0);
    }

    public static DataSpec iris() {
        return new DataSpec(IRIS, null, 4, 3);
    }

    public static DataSpec csv(String path, int labelColumn, int classes) {
        return new DataSpec(CSV, path, labelColumn, classes);
    }

    /** Fashion-MNIST from {@code dir} (null: the Debian package's directory); limits of 0 take every example. */
    public static DataSpec fashionMnist(String dir, int limit, int testLimit) {
        return new DataSpec(FASHION_MNIST, dir, -1, 10, limit, testLimit);
    }

    public boolean isFashionMnist() {
        return FASHION_MNIST.equals(source);
    }

    /** The same Fashion-MNIST spec read from another directory. */
    public DataSpec withDirectory(String dir) {
        return new DataSpec(source, dir, labelColumn, classes, limit, testLimit);
    }

    public String describe() {
        if (IRIS.equals(source)) {
            return IRIS;
        }
        if (isFashionMnist()) {
            return FASHION_MNIST + (limit > 0 ? " (first " + limit + ")" : "");
        }
        return "csv " + path;
    }
}
