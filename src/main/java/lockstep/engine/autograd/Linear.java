package lockstep.engine.autograd;

import java.util.List;
import lockstep.engine.Parameter;
import lockstep.linalg.MatMul;

/**
 * The affine part of a dense layer, in DL4J's layout (examples as rows):
 * <pre>
 *   y = x·W + b          x [B,nIn], W [nIn,nOut], b [1,nOut], y [B,nOut]
 * </pre>
 * W and b are engine {@link Parameter}s keyed {@code "i_W"}, {@code "i_b"} as the matrix engine and DL4J
 * key them, so the engine's optimizers update them; their tensors share the parameters' value and
 * gradient matrices, so {@code .grad} is {@link Parameter#gradient()}; they are views in the network's
 * {@link lockstep.engine.ParameterBlock}, as the matrix engine's are.
 */
public final class Linear implements Module {
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor weightTensor;
    private final Tensor biasTensor;
    private final MatMul kernel;

    /** The layer over W [nIn,nOut] and b [1,nOut]. */
    public Linear(Parameter weight, Parameter bias, MatMul kernel) {
        this.weight = weight;
        this.bias = bias;
        this.weightTensor = Tensor.parameter(weight.value(), weight.gradient());
        this.biasTensor = Tensor.parameter(bias.value(), bias.gradient());
        this.kernel = kernel;
    }

    /** W [nIn,nOut] as a tensor (shares the parameter's matrices). */
    public Tensor weight() {
        return weightTensor;
    }

    /** b [1,nOut] as a tensor (shares the parameter's matrices). */
    public Tensor bias() {
        return biasTensor;
    }

    public MatMul kernel() {
        return kernel;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.matmul(weightTensor, kernel)      // x·W       [B,nOut]
                .addRowVector(biasTensor);         // x·W + b   [B,nOut]
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
