package lockstep.harness;

/** Where each side of a lockstep run gets its initial parameters. */
public enum InitSource {
    /**
     * The default: each side draws its own from the spec's seed, DL4J with {@code MultiLayerNetwork.init()} and the
     * engine with its reproduction of it; step 0 compares the two draws element by element.
     */
    SEED,
    /** The engine's draw, copied into DL4J (for debugging DL4J's side with the engine's weights). */
    ENGINE,
    /** DL4J's draw, copied into the engine (for debugging the engine's side with DL4J's weights). */
    DL4J
}
