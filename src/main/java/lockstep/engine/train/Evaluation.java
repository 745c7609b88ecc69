package lockstep.engine.train;

import lockstep.data.Dataset;
import lockstep.engine.Network;
import lockstep.linalg.DType;
import lockstep.linalg.Matrix;

/** Classifies examples with a trained network: the class of the largest output. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * The predicted class of every example of {@code data}: forward passes over chunks of
     * {@code chunk} rows in inference mode (no dropout), argmax of each output row (the first one on a
     * tie). Overwrites the layers' forward caches, nothing else.
     */
    public static int[] predict(Network network, Dataset data, DType dtype, int chunk) {
        int[] predicted = new int[data.size()];
        network.setTraining(false);
        try {
            predict(network, data, dtype, chunk, predicted);
        } finally {
            network.setTraining(true);
        }
        return predicted;
    }

    private static void predict(Network network, Dataset data, DType dtype, int chunk, int[] predicted) {
        for (int start = 0; start < data.size(); start += chunk) {
            int rows = Math.min(chunk, data.size() - start);
            int[] indices = new int[rows];
            for (int r = 0; r < rows; r++) {
                indices[r] = start + r;
            }
            Matrix out = network.forward(data.batch(indices, dtype).features());   // [rows, nOut]
            for (int r = 0; r < rows; r++) {
                predicted[start + r] = argmax(out, r);
            }
        }
    }

    /** The column of the largest element of row {@code r} (the first one on a tie). */
    public static int argmax(Matrix m, int r) {
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (m.get(r, c) > m.get(r, best)) {
                best = c;
            }
        }
        return best;
    }
}
