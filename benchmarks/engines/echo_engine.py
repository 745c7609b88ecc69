"""An engine that computes nothing, for ProtocolBenchmark: it reads every message and answers each step with a loss
of 0, zero gradients and its parameters unchanged, so that a step's time is the engine protocol's own cost (NPY out,
pipe, np.load, np.save, pipe, NPY in) at that network's shapes."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "engines"))
from protocol import serve  # noqa: E402


class Echo:
    def __init__(self, hello, arrays):
        self.set(arrays)

    def set(self, arrays):
        self.params = {k[len("param:"):]: v for k, v in arrays.items() if k.startswith("param:")}

    def step(self, header, arrays):
        out = {}
        for name, value in self.params.items():
            out["grad:" + name] = np.zeros_like(value)
            out["param:" + name] = value
        return 0.0, out


if __name__ == "__main__":
    serve(Echo, "echo")
