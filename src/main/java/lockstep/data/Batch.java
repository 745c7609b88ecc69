package lockstep.data;

import lockstep.linalg.Matrix;

/**
 * One mini-batch: which examples it holds (indices into the dataset, in order), their features
 * [B, nFeatures] and one-hot labels [B, nClasses].
 */
public record Batch(int[] exampleIndices, Matrix features, Matrix labels) {

    public int size() {
        return exampleIndices.length;
    }
}
