package lockstep.engine.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The tape behind a tensor: every tensor it depends on that requires a gradient, in an order the
 * forward pass could have recorded them in (each after all of its inputs), read off the links each
 * op left from its result to itself. Walking it backwards visits a tensor only after every tensor
 * that consumed it, so its gradient is complete by then.
 */
final class Tape {
    private Tape() {
    }

    /** Depth-first post-order from {@code root} over inputs that require a gradient; root comes last. */
    static List<Tensor> of(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();   // per stacked tensor: its next input to visit
        seen.add(root);
        stack.push(root);
        next.push(0);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            List<Tensor> inputs = t.isLeaf() ? List.of() : t.creator().inputs();
            if (i < inputs.size()) {
                next.push(i + 1);
                Tensor input = inputs.get(i);
                if (input.requiresGrad() && seen.add(input)) {
                    stack.push(input);
                    next.push(0);
                }
            } else {
                order.add(stack.pop());
            }
        }
        return order;
    }
}
