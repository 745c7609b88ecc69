package lockstep.harness;

import lockstep.engine.EngineComponents;
import lockstep.engine.NetworkBuilder;
import lockstep.engine.train.MiniBatchStep;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;

/**
 * Builds the engine side of a lockstep run from the spec, with the parameters drawn from the seed:
 * the matrix engine ({@link #MATRIX}, the default) or the autograd engine ({@link AutogradTrainer#FACTORY}).
 */
@FunctionalInterface
public interface EngineFactory {

    Trainer create(NetworkSpec network, DType dtype, long seed, EngineComponents components);

    /** The matrix engine: NetworkBuilder's network and the components' optimizer, one MiniBatchStep per step. */
    EngineFactory MATRIX = (network, dtype, seed, components) -> new EngineTrainer(
            new MiniBatchStep(NetworkBuilder.build(network, dtype, seed, components), components.optimizer(network)));
}
