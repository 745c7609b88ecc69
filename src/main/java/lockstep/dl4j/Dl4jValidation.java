package lockstep.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's view of validation examples, without training: {@code score(DataSet, false)} (the batch-mean loss
 * plus the regularisation penalty, in inference mode, as the early-stopping {@code DataSetLossCalculator}
 * computes it) and {@code output(x, false)} with the argmax class.
 */
public final class Dl4jValidation {
    private Dl4jValidation() {
    }

    /**
     * @param loss        DL4J's score of the examples
     * @param predictions the argmax class of each example's output (the first largest on a tie)
     * @param outputs     the outputs [rows, nOut], row-major
     */
    public record Score(double loss, int[] predictions, double[] outputs) {
        public double accuracy(int[] classes) {
            int correct = 0;
            for (int i = 0; i < classes.length; i++) {
                correct += predictions[i] == classes[i] ? 1 : 0;
            }
            return (double) correct / classes.length;
        }
    }

    /** Scores x [rows, nIn] with labels y [rows, nOut] (row-major) on the trainer's network; changes nothing. */
    public static Score evaluate(Dl4jTrainer trainer, double[] features, double[] labels, int rows) {
        return evaluate(trainer.network(), features, labels, rows);
    }

    static Score evaluate(MultiLayerNetwork net, double[] features, double[] labels, int rows) {
        DataSet ds = dataSet(net, features, labels, rows);
        double loss = net.score(ds, false);
        double[] out = net.output(ds.getFeatures(), false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int nOut = out.length / rows;
        int[] predicted = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < nOut; c++) {
                if (out[r * nOut + c] > out[r * nOut + best]) {
                    best = c;
                }
            }
            predicted[r] = best;
        }
        return new Score(loss, predicted, out);
    }

    /** A DataSet of row-major x and y in the network's data type. */
    static DataSet dataSet(MultiLayerNetwork net, double[] features, double[] labels, int rows) {
        DataType type = net.getLayerWiseConfigurations().getDataType();
        INDArray x = Nd4j.create(features, new long[] {rows, features.length / rows}, 'c').castTo(type);
        INDArray y = Nd4j.create(labels, new long[] {rows, labels.length / rows}, 'c').castTo(type);
        return new DataSet(x, y);
    }
}
