package lockstep.harness;

/** Which side draws the initial parameters of a lockstep run; the other side starts from an exact copy. */
public enum InitSource {
    /** The engine's seeded draw, copied into DL4J (the default: the same numbers on every machine). */
    ENGINE,
    /** DL4J's own initialisation (ND4J's native RNG, seeded from the spec's seed), copied into the engine. */
    DL4J
}
