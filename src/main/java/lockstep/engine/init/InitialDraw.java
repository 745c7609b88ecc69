package lockstep.engine.init;

import java.util.ArrayList;
import java.util.List;
import lockstep.linalg.DType;
import lockstep.rand.Dl4jInit;
import lockstep.rand.Dl4jMaskStream;
import lockstep.rand.MaskSource;
import lockstep.rand.Nd4jDistributions;
import lockstep.rand.Nd4jRandom;
import lockstep.spec.DropoutSpec;
import lockstep.spec.LayerSpec;
import lockstep.spec.NetworkSpec;

/**
 * What the engine draws from the seed, in the order DL4J 1.0.0-M2.1 draws it from
 * {@code NeuralNetConfiguration.Builder().seed(seed)}: one generator ({@link Nd4jRandom}, ND4J's, reproduced)
 * seeded once; every layer's initial W and b as {@code MultiLayerNetwork.init()} draws them ({@link Dl4jInit});
 * then, from where init left the generator, the dropout arrays (masks or noise) of training ({@link Dl4jMaskStream}).
 * Bit-identical to DL4J's own draws when the host's libm is reachable (docs/same-seed.md).
 *
 * @param parameters per layer its initial W [nIn,nOut] (row-major) and b [nOut]
 * @param masks      the training dropout arrays, or null when no layer has dropout
 */
public record InitialDraw(List<Dl4jInit.Parameters> parameters, MaskSource masks) {

    /** The draw for {@code spec}'s layers in {@code dtype}. Seed 0 is refused: DL4J replaces it by the clock. */
    public static InitialDraw of(NetworkSpec spec, DType dtype, long seed) {
        Nd4jDistributions ops = Nd4jDistributions.best();
        Nd4jRandom rng = Nd4jRandom.seeded(seed);
        List<Dl4jInit.Parameters> parameters = new Dl4jInit(ops).draw(rng, Dl4jInit.layersOf(spec), dtype);
        List<DropoutSpec> dropouts = new ArrayList<>();
        int[] widths = new int[spec.layers().size()];
        boolean any = false;
        for (int i = 0; i < widths.length; i++) {
            LayerSpec l = spec.layers().get(i);
            dropouts.add(l.dropout());
            widths[i] = l.nIn();
            any |= l.dropout() != null;
        }
        return new InitialDraw(parameters, any ? new Dl4jMaskStream(rng, ops, dropouts, widths, dtype) : null);
    }
}
