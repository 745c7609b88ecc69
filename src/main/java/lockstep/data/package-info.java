/**
 * Datasets and their order: Iris (embedded), Fashion-MNIST (IDX files) and CSV data, label encodings, the
 * train/test and validation splits, the per-epoch example order ({@link lockstep.data.SeededShuffler}, DL4J's
 * {@code DataSet.shuffle} reproduced) and the cut into mini-batches ({@link lockstep.data.EpochPlan}).
 */
package lockstep.data;
