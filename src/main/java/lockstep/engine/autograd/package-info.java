/**
 * A PyTorch-style API on a dynamic computation graph, built from the engine's own parts:
 * <pre>
 *   optimizer.zeroGrad();                     // every parameter's .grad = 0
 *   Tensor out = model.forward(x);            // runs the ops and records each on the tape
 *   Tensor loss = criterion.apply(out, y);    // a [1,1] tensor, the batch-mean loss
 *   loss.backward();                          // walks the tape in reverse: .grad += dloss/dparameter
 *   optimizer.step();                         // θ -= u(.grad), the engine's update rules
 * </pre>
 * The graph is dynamic: each op on a {@link lockstep.engine.autograd.Tensor} computes its result
 * at once and links the result to itself ({@link lockstep.engine.autograd.Op#record}), so the forward
 * pass records its own tape as it runs; {@link lockstep.engine.autograd.Backprop} walks that tape
 * backwards, applying each op's backward (written next to its forward, micrograd-style) by the
 * chain rule. A parameter's gradient ACCUMULATES over backward() calls until zeroGrad(), as in PyTorch.
 * <p>
 * The ops delegate to the engine's activations, losses, matrix kernels and row operations, models are
 * built from a {@code NetworkSpec} with the engine's parameter layout and initialiser, and
 * {@link lockstep.engine.autograd.AutogradOptimizer} drives the engine's optimizers. For a dense network
 * the autograd path therefore computes the matrix engine's numbers bit for bit. Convolution, pooling
 * and batch normalisation are composed of small ops ({@link lockstep.engine.autograd.Conv2d}: unfold,
 * transpose, matmul, a row-vector bias, a channel permutation; {@link lockstep.engine.autograd.BatchNorm}:
 * row sums, row-vector arithmetic, a square root), so their backward passes are the chain rule's and
 * not the matrix engine's hand-derived ones: the two agree to rounding, and a bug in either shows.
 */
package lockstep.engine.autograd;
