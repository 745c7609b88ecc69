package lockstep.rand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lockstep.linalg.DType;
import lockstep.spec.DropoutSpec;

/**
 * The random arrays DL4J's stock dropouts draw during training, reproduced: one op per layer with dropout (its
 * kind's: {@link Dl4jDropout#draw}), layer by layer, once per training forward pass, from the generator that
 * {@code MultiLayerNetwork.init()} left (see {@link Dl4jInit#draw(Nd4jRandom, List, DType)}). The generator
 * is sequential, so iteration t's masks exist only once iteration t−1's are drawn: they are drawn for
 * all layers when iteration t is first asked for, and kept while t is asked for again (a gradient check
 * repeats a forward pass). Asking for an earlier iteration, or skipping one, is an error. Modifies its generator.
 */
public final class Dl4jMaskStream implements MaskSource {
    private static final long serialVersionUID = 1L;
    private final transient Nd4jRandom rng;
    private final transient Dl4jDropout dropout;
    private final DropoutSpec[] dropouts;        // per layer, null: no dropout
    private final int[] inputWidths;             // per layer, nIn
    private final DType type;
    private int drawn = -1;                      // the iteration whose masks are held
    private int rows;
    private final transient Map<Integer, double[]> held = new HashMap<>();

    /**
     * @param rng         the generator as init() left it (not copied: this stream advances it)
     * @param dropouts    per layer its dropout, or null without
     * @param inputWidths per layer its input width nIn
     */
    public Dl4jMaskStream(Nd4jRandom rng, Nd4jDistributions ops, List<DropoutSpec> dropouts, int[] inputWidths, DType type) {
        if (dropouts.size() != inputWidths.length) {
            throw new IllegalArgumentException(dropouts.size() + " dropouts for " + inputWidths.length + " layers");
        }
        this.rng = rng;
        this.dropout = new Dl4jDropout(ops);
        this.dropouts = new ArrayList<>(dropouts).toArray(new DropoutSpec[0]);
        this.inputWidths = inputWidths.clone();
        this.type = type;
    }

    @Override
    public double[] mask(int layer, int iteration, int rows, int cols) {
        if (dropouts[layer] == null) {
            throw new IllegalArgumentException("layer " + layer + " has no dropout");
        }
        if (cols != inputWidths[layer]) {
            throw new IllegalArgumentException("layer " + layer + " has nIn=" + inputWidths[layer] + ", asked for " + cols + " columns");
        }
        if (iteration == drawn + 1) {
            drawAll(iteration, rows);
        } else if (iteration != drawn || rows != this.rows) {
            throw new IllegalStateException("dropout arrays are drawn in order: iteration " + drawn + " (batch " + this.rows
                    + ") is the last drawn, asked for iteration " + iteration + " (batch " + rows + ")");
        }
        return held.get(layer).clone();
    }

    /** Every dropout layer's array of {@code iteration}, in layer order, for a batch of {@code rows}. Modifies the generator. */
    private void drawAll(int iteration, int rows) {
        held.clear();
        for (int l = 0; l < dropouts.length; l++) {
            if (dropouts[l] != null) {
                held.put(l, dropout.draw(rng, rows, inputWidths[l], dropouts[l], false, type));
            }
        }
        this.drawn = iteration;
        this.rows = rows;
    }
}
