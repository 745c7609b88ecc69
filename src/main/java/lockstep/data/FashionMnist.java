package lockstep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import lockstep.LockstepException;

/**
 * Fashion-MNIST (Zalando): 28x28 grey-scale images of 10 kinds of clothing, 60000 for training and
 * 10000 for testing, read from the four IDX files that the Debian package {@value #DEBIAN_PACKAGE}
 * installs under {@link #DEFAULT_DIR}. Each image becomes 784 features (row-major pixels) scaled
 * from 0..255 to [0,1]; each label is the class 0..9.
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final int CLASSES = 10;
    public static final String INSTALL_HINT = "install the Debian package " + DEBIAN_PACKAGE
            + " (apt-get install -y " + DEBIAN_PACKAGE + ") or point --data-dir at a directory holding its IDX files";

    /** The two splits and the prefix of their files. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        public String imagesFile() {
            return prefix + "-images-idx3-ubyte";
        }

        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    private FashionMnist() {
    }

    /**
     * The first {@code limit} examples of a split (all of them when {@code limit} is 0) from
     * {@code dir}, where each file may be gzip-compressed ({@code .gz}) or plain.
     */
    public static Dataset load(Path dir, Split split, int limit) {
        if (!Files.isDirectory(dir)) {
            throw new LockstepException("fashion-mnist: data directory " + dir + " not found; " + INSTALL_HINT);
        }
        return read(locate(dir, split.imagesFile()), locate(dir, split.labelsFile()),
                "fashion-mnist " + split.name().toLowerCase(java.util.Locale.ROOT), limit);
    }

    /** {@code dir/name.gz} if it exists, else {@code dir/name} if it exists, else an error naming both. */
    private static Path locate(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new LockstepException(gz + ": file not found (nor " + plain + "); " + INSTALL_HINT);
    }

    /** Reads an images file and its labels file (IDX, gzip or plain) into a dataset of the first {@code limit} examples (0: all). */
    public static Dataset read(Path imagesFile, Path labelsFile, String name, int limit) {
        IdxFile images = IdxFile.read(imagesFile, 3);
        IdxFile labels = IdxFile.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new LockstepException(name + ": " + imagesFile + " holds " + images.count() + " images but "
                    + labelsFile + " holds " + labels.count() + " labels");
        }
        if (limit < 0 || limit > images.count()) {
            throw new LockstepException(name + ": cannot take the first " + limit + " examples; " + imagesFile
                    + " holds " + images.count());
        }
        int n = limit == 0 ? images.count() : limit;
        int features = images.itemSize();
        int[] classes = new int[n];
        for (int e = 0; e < n; e++) {
            classes[e] = labels.unsigned(e);
            if (classes[e] >= CLASSES) {
                throw new LockstepException(labelsFile + ": label " + classes[e] + " of example " + e
                        + " is not a class in 0.." + (CLASSES - 1));
            }
        }
        double[] x = new double[n * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = images.unsigned(i) / 255.0;
        }
        return new Dataset(name, x, features, classes, CLASSES);
    }
}
