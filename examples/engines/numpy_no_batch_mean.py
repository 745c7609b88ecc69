"""numpy_mlp.py with a planted bug: the loss gradient is not divided by the batch size B, so every gradient is B times
too large. lockstep must fail at step 1, naming the output layer's weights (1_W on the Iris default).

    ./lockstep compare --engine '/usr/bin/python3 examples/engines/numpy_no_batch_mean.py'     # exit code 1
"""
import numpy_mlp
from protocol import serve

numpy_mlp.batch_size = lambda y: 1                       # the bug: no 1/B

if __name__ == "__main__":
    serve(numpy_mlp.Mlp, "numpy_no_batch_mean")
