"""HumanEval+ harness: calls one program's entry point on each input and writes what it returned.

    python3 humanevalplus_harness.py PROGRAM INPUTS OUTPUTS

INPUTS is JSON: {"entry_point": name, "inputs": [[arg, ...], ...], "time_limits": [seconds, ...] or
null, "full_values": bool}. OUTPUTS gets one JSON line per event, flushed as it happens:

    {"loaded": true}                    the program was executed and defines the entry point
    {"load_error": "Type: message"}     it could not be (the run stops there)
    {"i": n, "h": digest, "v": value, "t": seconds}   input n returned ("v" only when small, a float
                                                      or a list of floats, or full_values is set)
    {"i": n, "error": "Type: message"}  input n raised (the run stops there: a failure either way)
    {"i": n, "timeout": seconds}        input n overran its limit (the run stops there)

No verdict is decided here. The sample runs in this process and could rewrite anything this script
writes, so the script only reports outputs; the harness compares them, outside, with the outputs of
the canonical solution, which this process never sees.

"v" is a typed JSON value: lists are arrays, tuples {"tuple": [...]}, dicts {"dict": [[k, v], ...]},
sets {"set": [...]}, anything else {"other": type, "repr": text}. "h" digests a normal form in which
values that Python's == calls equal look alike (True, 1 and 1.0; a set and a frozenset; dicts and
sets in any order), so large outputs are compared by digest without being copied out.
"""

import copy
import hashlib
import io
import json
import math
import numbers
import signal
import sys
import time

INLINE_BYTES = 512          # outputs up to this size are sent whole (better failure messages)
FLOAT_BYTES = 1 << 20       # float outputs are sent whole up to this size: their rule needs values


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that a sample's `except Exception` does not hide it."""


class _TooBig(Exception):
    pass


class _WriteOnly(io.StringIO):
    """Swallows the sample's prints, as evalplus's swallow_io does; reading from it fails."""

    def read(self, *args, **kwargs):
        raise OSError("stdin is not readable")

    readline = read
    readlines = read

    def readable(self, *args, **kwargs):
        return False


def is_floats(x):
    # evalplus's rule: a float, or a list or tuple of floats (an empty one included)
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)):
        return all(isinstance(i, float) for i in x)
    return False


def typed(v, budget):
    """The typed JSON form of v; raises _TooBig past about `budget` bytes."""
    left = [budget]

    def spend(n):
        left[0] -= n
        if left[0] < 0:
            raise _TooBig()

    def go(x):
        if x is None or isinstance(x, bool):
            spend(5)
            return x
        if isinstance(x, int):
            if x.bit_length() > 13000:  # past Python's 4300-digit str() limit: digest only
                raise _TooBig()
            spend(x.bit_length() // 3 + 2)
            return int(x)
        if isinstance(x, float):
            spend(24)
            return float(x)
        if isinstance(x, str):
            spend(len(x) + 2)
            return str(x)
        if isinstance(x, list):
            spend(2)
            return [go(i) for i in x]
        if isinstance(x, tuple):
            spend(12)
            return {"tuple": [go(i) for i in x]}
        if isinstance(x, dict):
            spend(11)
            return {"dict": [[go(k), go(i)] for k, i in x.items()]}
        if isinstance(x, (set, frozenset)):
            spend(10)
            return {"set": [go(i) for i in x]}
        if isinstance(x, numbers.Integral):
            return go(int(x))
        text = repr(x)
        spend(len(text) + 30)
        return {"other": type(x).__qualname__, "repr": text[:2000]}

    return go(v)


def _scalar(x):
    """The normal form of a None, bool, int, float or str (exact types), or None for anything else."""
    t = type(x)
    if t is int or t is bool:
        return b"n%x;" % x if x >= 0 else b"n-%x;" % -x
    if t is float:
        if math.isfinite(x) and x.is_integer():
            return _scalar(int(x))
        return b"f" + repr(x).encode() + b";"
    if t is str:
        b = x.encode("utf-8", "surrogatepass")
        return b"s%d:" % len(b) + b
    if x is None:
        return b"N"
    return None


_FLAT = {int, float, str, bool, type(None)}


def _flat(x):
    """The normal form of a list or tuple of scalars at C speed (repr after making integral floats and
    bools ints), or None when it holds anything else or an int too long for repr."""
    types = set(map(type, x))
    if not types <= _FLAT:
        return None
    if float in types:
        x = [int(v) if type(v) is float and v.is_integer() else v for v in x]
    if bool in types:
        x = [int(v) if type(v) is bool else v for v in x]
    try:
        return repr(list(x)).encode("utf-8", "surrogatepass")
    except ValueError:
        return None


def _feed(h, x):
    b = _scalar(x)
    if b is not None:
        h.update(b)
        return
    if type(x) is list or type(x) is tuple:
        flat = _flat(x)
        if flat is not None:
            h.update((b"L%d:" if type(x) is list else b"T%d:") % len(flat))
            h.update(flat)
            return
    if isinstance(x, (list, tuple)):
        # a list's scalars are joined and fed at once: per-element updates made large outputs slow
        parts = [b"[" if isinstance(x, list) else b"("]
        for i in x:
            b = _scalar(i)
            if b is None:
                h.update(b"".join(parts))
                parts.clear()
                _feed(h, i)
            else:
                parts.append(b)
        parts.append(b"]" if isinstance(x, list) else b")")
        h.update(b"".join(parts))
    elif isinstance(x, dict):
        entries = sorted(digest(k) + digest(v) for k, v in x.items())
        h.update(b"{%d:" % len(entries) + "".join(entries).encode() + b"}")
    elif isinstance(x, (set, frozenset)):
        members = sorted(digest(i) for i in x)
        h.update(b"<%d:" % len(members) + "".join(members).encode() + b">")
    elif isinstance(x, numbers.Integral):
        _feed(h, int(x))
    elif isinstance(x, float):
        _feed(h, float(x))
    elif isinstance(x, str):
        _feed(h, str(x))
    else:
        h.update(b"o" + type(x).__qualname__.encode() + b":" + repr(x).encode("utf-8", "surrogatepass"))


def digest(x):
    h = hashlib.sha256()
    _feed(h, x)
    return h.hexdigest()[:32]


def describe(e):
    text = str(e).splitlines()[0] if str(e) else ""
    return (type(e).__name__ + (": " + text if text else ""))[:500]


def main():
    program_path, inputs_path, outputs_path = sys.argv[1:4]
    with open(inputs_path, encoding="utf-8") as f:
        spec = json.load(f)
    with open(program_path, encoding="utf-8") as f:
        program = f.read()
    inputs = spec["inputs"]
    limits = spec.get("time_limits")
    full_values = bool(spec.get("full_values"))
    out = open(outputs_path, "w", encoding="utf-8")

    def emit(record):
        out.write(json.dumps(record) + "\n")
        out.flush()

    def on_alarm(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, on_alarm)
    real_stdout, real_stderr, real_stdin = sys.stdout, sys.stderr, sys.stdin
    sink = _WriteOnly()
    sys.stdout = sys.stderr = sys.stdin = sink
    try:
        # not "__main__": a solution's `if __name__ == "__main__":` demo is not part of the function
        namespace = {"__name__": "__rescue_sample__"}
        try:
            exec(compile(program, "solution.py", "exec"), namespace)
            fn = namespace[spec["entry_point"]]
        except BaseException as e:  # noqa: B902 - the program's own failure, whatever it is
            emit({"load_error": describe(e)})
            return
        emit({"loaded": True})
        for i, inp in enumerate(inputs):
            args = copy.deepcopy(inp)  # the reference and the sample both get a fresh copy
            limit = limits[i] if limits else None
            start = time.perf_counter()
            try:
                if limit:
                    signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    result = fn(*args)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except _Timeout:
                emit({"i": i, "timeout": limit})
                return
            except BaseException as e:  # noqa: B902
                emit({"i": i, "error": describe(e)})
                return
            seconds = time.perf_counter() - start
            try:
                record = {"i": i, "h": digest(result), "t": round(seconds, 6)}
                budget = FLOAT_BYTES if full_values or is_floats(result) else INLINE_BYTES
                try:
                    record["v"] = typed(result, budget)
                except _TooBig:
                    pass
                line = json.dumps(record)
            except BaseException as e:  # noqa: B902 - e.g. a self-referencing list
                emit({"i": i, "error": "output cannot be recorded: " + describe(e)})
                return
            out.write(line + "\n")
            out.flush()
    finally:
        sys.stdout, sys.stderr, sys.stdin = real_stdout, real_stderr, real_stdin
        out.close()


if __name__ == "__main__":
    main()
