"""The lesson's training loop at matrix level in NumPy, as a lockstep engine (docs/engine-protocol.md).

Dense layers z = a @ W + b; tanh, relu, sigmoid, identity and softmax; MCXENT and MSE; SGD; dropout with the masks
lockstep sends. Everything else in a spec is refused with a protocol error.

    ./lockstep compare --engine '/usr/bin/python3 examples/engines/numpy_mlp.py'
"""
import numpy as np

from protocol import serve


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))         # shift by the row's max, as DL4J does
    return e / e.sum(axis=1, keepdims=True)


# f(z), and f'(z) written through a = f(z)
ACTIVATIONS = {
    "TANH": (np.tanh, lambda a: 1 - a * a),
    "RELU": (lambda z: np.maximum(z, 0), lambda a: (a > 0).astype(a.dtype)),
    "SIGMOID": (lambda z: 1 / (1 + np.exp(-z)), lambda a: a * (1 - a)),
    "IDENTITY": (lambda z: z, np.ones_like),
    "SOFTMAX": (softmax, None),                           # output layer with MCXENT only: dL/dz = p - y
}


def loss_and_delta(kind, p, y, out_derivative):
    """The batch-mean loss and dL/dz of the output layer, DL4J's way."""
    batch = batch_size(y)
    if kind == "MCXENT":                                 # softmax output: -sum y ln p, p clipped in the score only
        loss = -(y * np.log(np.clip(p, 1e-10, 1 - 1e-10))).sum() / y.shape[0]
        return loss, (p - y) / batch
    if kind == "MSE":                                    # sum over outputs of (p - y)^2 / nOut
        loss = ((p - y) ** 2).sum() / y.shape[1] / y.shape[0]
        return loss, 2 * (p - y) / y.shape[1] / batch * out_derivative(p)
    raise NotImplementedError("loss " + kind + " is not in numpy_mlp.py")


def batch_size(y):
    return y.shape[0]                                    # the 1/B of the batch mean


class Mlp:
    def __init__(self, hello, arrays):
        net = hello["spec"]["network"]
        refuse_unless(net.get("updater", {}).get("type", "SGD") == "SGD" and "schedule" not in net.get("updater", {}),
                      "only plain SGD")
        refuse_unless(not net.get("regularization") and not net.get("gradientNormalization"), "no regularisation")
        refuse_unless("inputType" not in net, "plain dense layers (no images)")
        for layer in net["layers"]:
            refuse_unless(set(layer) <= {"nIn", "nOut", "activation", "weightInit", "dropout"}
                          and isinstance(layer.get("dropout", 0.5), float), "plain dense layers")
            refuse_unless(layer["activation"] in ACTIVATIONS, "activation " + layer["activation"])
        self.activations = [ACTIVATIONS[layer["activation"]] for layer in net["layers"]]
        self.loss = net.get("loss", "MCXENT")
        refuse_unless(self.loss in ("MCXENT", "MSE"), "MCXENT and MSE only")
        refuse_unless((self.loss == "MCXENT") == (net["layers"][-1]["activation"] == "SOFTMAX"), "MCXENT with softmax only")
        self.set(arrays)
        self.lr = self.W[0].dtype.type(net.get("updater", {}).get("learningRate", 0.1))   # FLOAT: lr rounded to float

    def set(self, arrays):
        n = len(self.activations)
        self.W = [arrays["param:%d_W" % i] for i in range(n)]
        self.b = [arrays["param:%d_b" % i] for i in range(n)]

    def step(self, header, arrays):
        x, y = arrays["features"], arrays["labels"]
        n = len(self.W)
        masks = [arrays.get("dropout:%d" % i) for i in range(n)]
        # forward pass, caching each layer's input a (after its dropout) and output f(z)
        inputs, outputs, out = [], [], x
        for i in range(n):
            a = out if masks[i] is None else out * masks[i]
            out = self.activations[i][0](a @ self.W[i] + self.b[i])
            inputs.append(a)
            outputs.append(out)
        loss, delta = loss_and_delta(self.loss, out, y, self.activations[-1][1])
        # backward pass: dW = a^T delta, db = the batch's sum of delta, then delta of the layer below
        result = {}
        for i in reversed(range(n)):
            result["grad:%d_W" % i] = inputs[i].T @ delta
            result["grad:%d_b" % i] = delta.sum(axis=0)
            if i > 0:
                back = delta @ self.W[i].T                       # dL/da of layer i's input
                if masks[i] is not None:
                    back = back * masks[i]                       # back through the dropout
                delta = back * self.activations[i - 1][1](outputs[i - 1])
        # update: theta -= lr * g
        for i in range(n):
            self.W[i] = self.W[i] - self.lr * result["grad:%d_W" % i]
            self.b[i] = self.b[i] - self.lr * result["grad:%d_b" % i]
            result["param:%d_W" % i], result["param:%d_b" % i] = self.W[i], self.b[i]
        return loss, result


def refuse_unless(ok, what):
    if not ok:
        raise NotImplementedError("numpy_mlp.py does " + what)


if __name__ == "__main__":
    serve(Mlp, "numpy_mlp")
