/**
 * Training as a textbook writes it: one mini-batch step (forward, loss, backward, update), the epoch loop,
 * validation, evaluation and early stopping.
 */
package lockstep.engine.train;
