/**
 * What DL4J 1.0.0-M2.1's dropouts do to a layer's input in training, given the random array each drew (the engine
 * draws the same arrays: {@link lockstep.rand.Dl4jMaskStream}): forward next to backward, in the data type with
 * DL4J's operation order, so that the results are DL4J's bit for bit. Shared by the matrix engine's
 * {@link lockstep.engine.layers.DenseLayer} and the autograd {@link lockstep.engine.autograd.Dropout}.
 */
package lockstep.engine.dropout;
