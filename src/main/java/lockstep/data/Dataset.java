package lockstep.data;

import lockstep.LockstepException;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;
import lockstep.spec.LabelEncoding;

/**
 * Examples for classification: features [n, nFeatures] and one-hot labels [n, nClasses], both
 * row-major doubles. Construction rejects NaN/Inf features and names the example and column.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int featureCount;
    private final int classCount;
    private final double[] features;
    private final double[] labels;

    /**
     * @param features [size, featureCount] row-major
     * @param classes  class index 0..classCount-1 of each example
     */
    public Dataset(String name, double[] features, int featureCount, int[] classes, int classCount) {
        this.name = name;
        this.size = classes.length;
        this.featureCount = featureCount;
        this.classCount = classCount;
        if (features.length != size * featureCount) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values for " + size
                    + " examples of " + featureCount);
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new LockstepException("dataset " + name + ": example " + i / featureCount + ", feature "
                        + i % featureCount + " is " + features[i] + "; data must be finite numbers");
            }
        }
        this.features = features.clone();
        this.labels = new double[size * classCount];
        for (int e = 0; e < size; e++) {
            if (classes[e] < 0 || classes[e] >= classCount) {
                throw new LockstepException("dataset " + name + ": example " + e + " has class " + classes[e]
                        + " outside 0.." + (classCount - 1));
            }
            labels[e * classCount + classes[e]] = 1.0;
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public int featureCount() {
        return featureCount;
    }

    public int classCount() {
        return classCount;
    }

    /** The examples at {@code indices}, in that order, as a new dataset called {@code newName}. */
    public Dataset subset(String newName, int[] indices) {
        double[] x = new double[indices.length * featureCount];
        int[] classes = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(features, indices[r] * featureCount, x, r * featureCount, featureCount);
            classes[r] = classOf(indices[r]);
        }
        return new Dataset(newName, x, featureCount, classes, classCount);
    }

    public double feature(int example, int column) {
        return features[example * featureCount + column];
    }

    /** The class index of an example (position of the 1 in its one-hot label). */
    public int classOf(int example) {
        for (int c = 0; c < classCount; c++) {
            if (labels[example * classCount + c] == 1.0) {
                return c;
            }
        }
        throw new IllegalStateException("example " + example + " has no class");
    }

    /** The examples at {@code indices}, in that order, as matrices of the given type, with one-hot labels. */
    public Batch batch(int[] indices, DType dtype) {
        return batch(indices, dtype, LabelEncoding.ZERO_ONE);
    }

    /** Every example, in order, as one batch of the given type, labels encoded for the loss. */
    public Batch all(DType dtype, LabelEncoding encoding) {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return batch(all, dtype, encoding);
    }

    /** The examples at {@code indices}, in that order, as matrices of the given type, labels encoded for the loss. */
    public Batch batch(int[] indices, DType dtype, LabelEncoding encoding) {
        Matrix x = Matrix.zeros(dtype, indices.length, featureCount);
        Matrix y = Matrix.zeros(dtype, indices.length, classCount);
        for (int r = 0; r < indices.length; r++) {
            int e = indices[r];
            for (int c = 0; c < featureCount; c++) {
                x.set(r, c, features[e * featureCount + c]);
            }
            for (int c = 0; c < classCount; c++) {
                y.set(r, c, encoding.encode(labels[e * classCount + c]));
            }
        }
        return new Batch(indices.clone(), x, y);
    }
}
