package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For tests that need the real Fashion-MNIST files of the Debian package dataset-fashion-mnist
 * (.ci/run installs it). They are not skipped when the files are missing: they fail and say how to
 * install them.
 */
public final class RealFashionMnist {
    private RealFashionMnist() {
    }

    public static void requireInstalled() {
        Path dir = FashionMnist.DEFAULT_DIR;
        for (FashionMnist.Split s : FashionMnist.Split.values()) {
            for (String f : new String[] {s.imagesFile(), s.labelsFile()}) {
                assertTrue(Files.isRegularFile(dir.resolve(f + ".gz")) || Files.isRegularFile(dir.resolve(f)),
                        () -> "Fashion-MNIST file " + dir.resolve(f + ".gz") + " is missing: install the Debian package"
                                + " with 'apt-get install -y dataset-fashion-mnist' (.ci/run does)");
            }
        }
    }
}
