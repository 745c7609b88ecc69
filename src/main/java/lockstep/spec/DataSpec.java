package lockstep.spec;

/**
 * Where the examples come from: the embedded Iris set ({@code source = "iris"}) or a CSV file of
 * numbers whose column {@code labelColumn} (0-based) holds the class index 0..classes-1.
 */
public record DataSpec(String source, String path, int labelColumn, int classes) {

    public static final String IRIS = "iris";
    public static final String CSV = "csv";

    public static DataSpec iris() {
        return new DataSpec(IRIS, null, 4, 3);
    }

    public static DataSpec csv(String path, int labelColumn, int classes) {
        return new DataSpec(CSV, path, labelColumn, classes);
    }

    public String describe() {
        return IRIS.equals(source) ? IRIS : "csv " + path;
    }
}
