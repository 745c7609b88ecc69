package lockstep.data;

import lockstep.linalg.Matrix;

/**
 * One mini-batch: which examples it holds (indices into the dataset, in order), their features
 * [B, nFeatures] and labels [B, nClasses]: one-hot, or as the loss's {@link lockstep.spec.LabelEncoding} maps them.
 */
public record Batch(int[] exampleIndices, Matrix features, Matrix labels) {

    public int size() {
        return exampleIndices.length;
    }
}
