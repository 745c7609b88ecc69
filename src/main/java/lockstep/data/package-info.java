/**
 * Datasets and their order: Iris (embedded), Fashion-MNIST (IDX files) and CSV data, label encodings, the
 * train/test and validation splits, the per-epoch example order ({@link lockstep.data.SeededShuffler}, DL4J's
 * {@code DataSet.shuffle} reproduced), the cut into mini-batches ({@link lockstep.data.EpochPlan}) and the one epoch
 * loop every training and comparison loop runs ({@link lockstep.data.EpochLoop}).
 */
package lockstep.data;
