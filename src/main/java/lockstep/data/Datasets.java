package lockstep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import lockstep.spec.DataSpec;

/** Loads the dataset a {@link DataSpec} names. */
public final class Datasets {
    private Datasets() {
    }

    public static Dataset load(DataSpec spec) {
        if (DataSpec.IRIS.equals(spec.source())) {
            return iris();
        }
        return CsvDatasetReader.read(Path.of(spec.path()), spec.labelColumn(), spec.classes());
    }

    /**
     * Fisher's Iris data (150 examples, 4 features in cm, 3 classes of 50), embedded as a resource so
     * that it loads offline. Taken from the iris.dat that the deeplearning4j-core 1.0.0-M2.1 jar ships.
     */
    public static Dataset iris() {
        try (InputStream in = Datasets.class.getResourceAsStream("/lockstep/data/iris.csv")) {
            if (in == null) {
                throw new IllegalStateException("the embedded resource /lockstep/data/iris.csv is missing from the jar");
            }
            return CsvDatasetReader.read(in, "iris", 4, 3);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded Iris data", e);
        }
    }
}
