/**
 * The DL4J side, and the only package that imports DL4J, ND4J or DataVec (ArchUnit enforces it): the
 * MultiLayerNetwork a DL4J user would write for a spec ({@link lockstep.dl4j.Dl4jNetworks}), driven one mini-batch at a
 * time ({@link lockstep.dl4j.Dl4jTrainer}) on the batches its own {@code DataSet.shuffle} cuts
 * ({@link lockstep.dl4j.Dl4jEpochOrder}). Arrays leave as row-major doubles.
 */
package lockstep.dl4j;
