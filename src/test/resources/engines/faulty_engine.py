"""numpy_mlp.py with one fault, named by the first argument, from step 2 on (step 1 is answered correctly):
exit, hang, garbage, wrong-shape, wrong-dtype, missing, nan, wrong-step; or at hello: version.
Run with PYTHONPATH=examples/engines (the engine protocol's tests, lockstep.cli.CompareEngineTest)."""
import sys
import time

import numpy as np

import numpy_mlp
import protocol

fault = sys.argv[1]


class Faulty(numpy_mlp.Mlp):
    def step(self, header, arrays):
        loss, out = super().step(header, arrays)
        if header["step"] < 2:
            return loss, out
        if fault == "exit":
            print("faulty_engine: giving up at step 2", file=sys.stderr, flush=True)
            sys.exit(5)
        if fault == "hang":
            time.sleep(3600)
        if fault == "garbage":
            sys.stdout.write("Traceback (most recent call last):\n")
            sys.stdout.flush()
            time.sleep(3600)
        if fault == "wrong-shape":
            out["grad:0_W"] = out["grad:0_W"].T
        if fault == "wrong-dtype":
            out["grad:0_W"] = out["grad:0_W"].astype(np.float32)
        if fault == "missing":
            del out["param:1_b"]
        if fault == "nan":
            out["grad:0_b"][1] = np.nan
        return loss, out


if fault == "version":
    hello = protocol.receive()
    protocol.send({"type": "ready", "protocol": 2, "name": "faulty"})
    protocol.receive()
elif fault == "wrong-step":
    original = protocol.send
    protocol.send = lambda header, arrays=None: original(dict(header, step=header["step"] + 1)
                                                          if header.get("type") == "result" else header, arrays)
    protocol.serve(numpy_mlp.Mlp, "faulty")
else:
    protocol.serve(Faulty, "faulty")
