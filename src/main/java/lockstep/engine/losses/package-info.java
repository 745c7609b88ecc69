/**
 * The loss functions, each with its score (the batch mean, as DL4J's {@code score()}) next to its gradient
 * dL/dz taken back through the output activation, in DL4J's formulation and clipping.
 */
package lockstep.engine.losses;
