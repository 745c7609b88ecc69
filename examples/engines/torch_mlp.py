"""PyTorch's five-line training step as a lockstep engine (docs/engine-protocol.md).

An nn.Sequential of nn.Linear and activation modules, a criterion (CrossEntropyLoss or MSELoss) and an optimizer
(optim.SGD or optim.Adam), run the way any PyTorch tutorial runs them. Where DL4J's conventions differ from
PyTorch's, the code adapts to DL4J, and each place is marked with a "DL4J:" comment. Everything else in a spec
(regularisation, gradient normalisation, schedules, other updaters, losses, activations or dropouts) is refused
with a protocol error.

    ./lockstep compare --engine '/usr/bin/python3 examples/engines/torch_mlp.py' --spec examples/iris-adam.json
"""
import math

import numpy as np
import torch
from torch import nn, optim

from protocol import serve

ACTIVATIONS = {"TANH": nn.Tanh, "RELU": nn.ReLU, "SIGMOID": nn.Sigmoid, "IDENTITY": nn.Identity,
               "SOFTMAX": nn.Identity}  # DL4J: softmax + MCXENT = CrossEntropyLoss on the logits (it does the softmax)


class Mask(nn.Module):
    """DL4J: dropout multiplies a layer's input by the mask lockstep sends, instead of nn.Dropout drawing its own."""
    mask = None

    def forward(self, x):
        return x if self.mask is None else x * self.mask


class TorchMlp:
    def __init__(self, hello, arrays):
        net = hello["spec"]["network"]
        updater, layers = net.get("updater", {}), net["layers"]
        self.loss = net.get("loss", "MCXENT")
        kind = updater.get("type", "SGD")
        refuse_unless(kind in ("SGD", "ADAM") and "schedule" not in updater, "only SGD and ADAM, without a schedule")
        refuse_unless(not net.get("regularization") and not net.get("gradientNormalization"),
                      "no regularisation or gradient normalisation")
        refuse_unless(self.loss in ("MCXENT", "MSE"), "only MCXENT and MSE")
        refuse_unless("inputType" not in net, "plain dense layers (no images)")
        for i, layer in enumerate(layers):
            refuse_unless(set(layer) <= {"nIn", "nOut", "activation", "weightInit", "dropout"}, "plain dense layers")
            refuse_unless(layer["activation"] in ACTIVATIONS, "no activation " + layer["activation"])
            dropout = layer.get("dropout", 0.5)
            refuse_unless(isinstance(dropout, (int, float)) or dropout.get("type") == "DROPOUT", "only plain dropout")
            output = i == len(layers) - 1
            refuse_unless((layer["activation"] == "SOFTMAX") == (output and self.loss == "MCXENT"),
                          "a softmax output layer with MCXENT, and only there")
        # DL4J: DOUBLE runs in float64 and FLOAT in float32, with every hyperparameter cast to float32 first
        self.dtype = torch.float64 if hello["dtype"] == "DOUBLE" else torch.float32
        hyper = (lambda v: v) if self.dtype == torch.float64 else (lambda v: float(np.float32(v)))

        self.masks = [Mask() for _ in layers]
        self.model = nn.Sequential(*[module for layer, mask in zip(layers, self.masks) for module in (
            mask, nn.Linear(layer["nIn"], layer["nOut"]), ACTIVATIONS[layer["activation"]]())]).to(self.dtype)
        linears = [m for m in self.model if isinstance(m, nn.Linear)]
        self.params = {}                            # DL4J's names: 0_W, 0_b, 1_W, ...
        for i, linear in enumerate(linears):
            self.params.update({"%d_W" % i: linear.weight, "%d_b" % i: linear.bias})
        self.shapes = {name[6:]: a.shape for name, a in arrays.items() if name.startswith("param:")}
        # DL4J: MSE is the sum over outputs of (p - y)^2 / nOut, averaged over the batch: MSELoss's mean over all B*nOut
        self.criterion = nn.CrossEntropyLoss() if self.loss == "MCXENT" else nn.MSELoss()
        lr = hyper(updater.get("learningRate", 1e-3))   # DL4J's default learning rate for SGD and Adam
        if kind == "SGD":
            self.optimizer = optim.SGD(self.params.values(), lr=lr)
            self.adam = None
        else:
            betas = (hyper(updater.get("beta1", 0.9)), hyper(updater.get("beta2", 0.999)))
            self.adam = (betas[1], hyper(updater.get("epsilon", 1e-8)))
            self.optimizer = optim.Adam(self.params.values(), lr=lr, betas=betas, eps=self.adam[1])
        self.set(arrays)

    def to_torch(self, name, array):
        t = torch.tensor(array, dtype=self.dtype)
        return t.T.contiguous() if name.endswith("_W") else t   # DL4J: W is (nIn, nOut), nn.Linear's weight (nOut, nIn)

    def to_numpy(self, name, t):
        t = t.detach()
        return (t.T if name.endswith("_W") else t).numpy().reshape(self.shapes[name])   # DL4J: W is (nIn, nOut)

    def set(self, arrays):
        with torch.no_grad():
            for name, p in self.params.items():
                p.copy_(self.to_torch(name, arrays["param:" + name]))
        if self.adam:                               # DL4J's Adam state: M = exp_avg, V = exp_avg_sq
            for name, p in self.params.items():
                self.optimizer.state[p] = {"step": torch.tensor(0.0),
                                           "exp_avg": self.to_torch(name, arrays["state:%s/M" % name]),
                                           "exp_avg_sq": self.to_torch(name, arrays["state:%s/V" % name])}

    def step(self, header, arrays):
        x, y = torch.tensor(arrays["features"]), torch.tensor(arrays["labels"])
        for i, mask in enumerate(self.masks):
            m = arrays.get("dropout:%d" % i)
            mask.mask = None if m is None else torch.tensor(m)
        if self.adam:
            self.adapt_adam(header["iteration"] + 1)

        self.optimizer.zero_grad()
        out = self.model(x)
        loss = self.criterion(out, y)
        loss.backward()
        grads = {name: p.grad.clone() for name, p in self.params.items()}   # the batch-mean gradient, before the update
        self.optimizer.step()

        result = {"grad:" + name: self.to_numpy(name, g) for name, g in grads.items()}
        result.update({"param:" + name: self.to_numpy(name, p) for name, p in self.params.items()})
        if self.adam:
            for name, p in self.params.items():
                result["state:%s/M" % name] = self.to_numpy(name, self.optimizer.state[p]["exp_avg"])
                result["state:%s/V" % name] = self.to_numpy(name, self.optimizer.state[p]["exp_avg_sq"])
        return self.score(out.detach(), y, loss.detach()).numpy(), result

    def adapt_adam(self, t):
        beta2, eps = self.adam
        for p in self.params.values():
            self.optimizer.state[p]["step"] = torch.tensor(float(t - 1))   # DL4J: t = iteration + 1; step() adds the 1
        # DL4J: theta -= lr*sqrt(1-b2^t)/(1-b1^t) * m/(sqrt(v) + eps); PyTorch adds eps to sqrt(v)/sqrt(1-b2^t)
        self.optimizer.param_groups[0]["eps"] = eps / math.sqrt(1 - beta2 ** t)

    def score(self, out, y, loss):
        """DL4J's score before the update."""
        if self.loss == "MSE":
            return loss
        p = torch.softmax(out, dim=1)   # DL4J: MCXENT's score clips p to [1e-10, 1 - 1e-10] (the gradient does not)
        return -(y * p.clamp(1e-10, 1 - 1e-10).log()).sum() / y.shape[0]


def refuse_unless(ok, what):
    if not ok:
        raise NotImplementedError("torch_mlp.py does " + what)


if __name__ == "__main__":
    torch.set_num_threads(1)   # two engine copies share the machine, and one thread keeps the sums in one order
    serve(TorchMlp, "torch_mlp")
