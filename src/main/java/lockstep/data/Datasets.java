package lockstep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import lockstep.spec.DataSpec;

/** Loads the dataset a {@link DataSpec} names. */
public final class Datasets {
    private Datasets() {
    }

    /** The training examples: all of Iris or the CSV file, or Fashion-MNIST's training split (its first {@code limit}). */
    public static Dataset load(DataSpec spec) {
        if (DataSpec.IRIS.equals(spec.source())) {
            return iris();
        }
        if (spec.isFashionMnist()) {
            return FashionMnist.load(fashionMnistDir(spec), FashionMnist.Split.TRAIN, spec.limit());
        }
        return CsvDatasetReader.read(Path.of(spec.path()), spec.labelColumn(), spec.classes());
    }

    /**
     * Training and test examples: Fashion-MNIST's train and test splits (each cut to its limit), or
     * for Iris and CSV data a seeded random 80/20 hold-out ({@link TrainTestSplit#holdOut}).
     */
    public static TrainTestSplit trainTest(DataSpec spec, long seed) {
        if (spec.isFashionMnist()) {
            Path dir = fashionMnistDir(spec);
            return new TrainTestSplit(FashionMnist.load(dir, FashionMnist.Split.TRAIN, spec.limit()),
                    FashionMnist.load(dir, FashionMnist.Split.TEST, spec.testLimit()));
        }
        return TrainTestSplit.holdOut(load(spec), 0.2, seed);
    }

    private static Path fashionMnistDir(DataSpec spec) {
        return spec.path() == null ? FashionMnist.DEFAULT_DIR : Path.of(spec.path());
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
