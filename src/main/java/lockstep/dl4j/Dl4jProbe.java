package lockstep.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Looks inside a DL4J network without training it: each layer's activations for an input. */
public final class Dl4jProbe {
    private Dl4jProbe() {
    }

    /**
     * The activations of every layer for x [rows, nIn] (row-major), in inference mode: element l is layer l's
     * output [rows, nOut_l], row-major ({@code feedForward(x, false)} without its first entry, the input).
     */
    public static List<double[]> activations(Dl4jTrainer trainer, double[] features, int rows) {
        DataType type = trainer.network().getLayerWiseConfigurations().getDataType();
        INDArray x = Nd4j.create(features, new long[] {rows, features.length / rows}, 'c').castTo(type);
        List<INDArray> all = trainer.network().feedForward(x, false);
        List<double[]> out = new ArrayList<>();
        for (int l = 1; l < all.size(); l++) {
            out.add(all.get(l).castTo(DataType.DOUBLE).dup('c').data().asDouble());
        }
        return out;
    }
}
