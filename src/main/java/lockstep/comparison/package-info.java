/**
 * The comparison: given what two sides did in a step ({@link lockstep.comparison.StepSnapshot}), it judges loss,
 * gradients, updates, parameters and updater state element by element under a
 * {@link lockstep.comparison.TolerancePolicy} (per quantity and data type, FLOAT against a DOUBLE shadow), and names
 * the first {@link lockstep.comparison.Divergence}: step, parameter, element and both values. NaN or an infinity
 * never passes. It drives no side and sees neither the engine nor DL4J, only numbers, so the same judge serves
 * {@code compare}, {@code verify} and every engine plugged in.
 */
package lockstep.comparison;
