/**
 * Seeded random numbers: {@link lockstep.rand.SplitMix64}, the engine's own generator, and a plain-Java
 * reproduction of ND4J 1.0.0-M2.1's native generator and random ops ({@link lockstep.rand.Nd4jRandom},
 * {@link lockstep.rand.Nd4jDistributions}) with what DL4J draws from it: initial parameters
 * ({@link lockstep.rand.Dl4jInit}) and dropout ({@link lockstep.rand.Dl4jDropout}), and the example order
 * of {@code DataSet.shuffle(seed)} ({@link lockstep.rand.Nd4jShuffle}). No DL4J/ND4J code is
 * used here; the tests under src/test/java/lockstep/rand prove bit equality against the real thing.
 * docs/same-seed.md says what is reproduced and how it is proven.
 */
package lockstep.rand;
