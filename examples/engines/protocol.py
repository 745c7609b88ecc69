"""The engine protocol's framing (docs/engine-protocol.md): a JSON line, then the NPY files it lists."""
import io
import json
import sys

import numpy as np

_in, _out = sys.stdin.buffer, sys.stdout.buffer


def receive():
    """The next message from lockstep as (header dict, {name: array}); None when lockstep closed the stream."""
    line = _in.readline()
    if not line:
        return None
    header = json.loads(line)
    arrays = {a["name"]: np.load(io.BytesIO(_in.read(a["bytes"]))) for a in header.get("arrays", [])}
    return header, arrays


def send(header, arrays=None):
    """Sends one message: header (a dict with "type") and arrays ({name: numpy array}, in order)."""
    files = []
    for name, array in (arrays or {}).items():
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(array))
        files.append((name, buffer.getvalue()))
    header = dict(header, arrays=[{"name": n, "bytes": len(b)} for n, b in files])
    _out.write(json.dumps(header).encode() + b"\n")
    for _, b in files:
        _out.write(b)
    _out.flush()


def serve(make_engine, name):
    """Answers hello with ready and every step with the engine's result until bye. make_engine(hello, arrays) builds
    the engine: an object with set(arrays) and step(header, arrays) -> (loss, {name: array})."""
    engine = None
    while True:
        message = receive()
        if message is None:
            return
        header, arrays = message
        try:
            if header["type"] == "hello":
                engine = make_engine(header, arrays)
                send({"type": "ready", "protocol": 1, "name": name})
            elif header["type"] == "set":
                engine.set(arrays)
            elif header["type"] == "step":
                loss, out = engine.step(header, arrays)
                dtype = arrays["features"].dtype               # answer in the run's type: float64 or float32
                send({"type": "result", "step": header["step"]}, dict(loss=np.asarray(loss, dtype=dtype), **out))
            elif header["type"] == "bye":
                return
        except NotImplementedError as e:
            send({"type": "error", "message": str(e)})
            return
