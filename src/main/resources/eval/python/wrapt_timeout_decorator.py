"""Compatibility module of the rescue eval harness for `wrapt_timeout_decorator` (not packaged by
Debian or reachable here). `timeout(seconds)` runs the call in a forked child and raises
TimeoutError when it has not finished in time, so a catastrophic regex in C code is stopped too
(a SIGALRM handler would only run after the C call returns)."""
import os
import pickle
import select
import signal

__all__ = ['timeout']


def _run_forked(func, seconds, args, kwargs):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            try:
                payload = ('ok', func(*args, **kwargs))
            except BaseException as e:  # noqa: BLE001 - every outcome goes back to the parent
                payload = ('err', e)
            try:
                data = pickle.dumps(payload)
            except Exception as e:  # noqa: BLE001
                data = pickle.dumps(('err', RuntimeError(repr(payload[1]))))
            with os.fdopen(w, 'wb') as f:
                f.write(data)
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    ready, _, _ = select.select([r], [], [], seconds)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
        raise TimeoutError(f'Function {getattr(func, "__name__", func)} timed out after {seconds} seconds')
    with os.fdopen(r, 'rb') as f:
        while True:
            b = f.read()
            if not b:
                break
            chunks.append(b)
    os.waitpid(pid, 0)
    if not chunks:
        raise RuntimeError('the timed call died without a result')
    kind, value = pickle.loads(b''.join(chunks))
    if kind == 'err':
        raise value
    return value


def timeout(dec_timeout=None, use_signals=True, timeout_exception=None, exception_message=None, **_):
    def decorate(func):
        def wrapper(*args, **kwargs):
            if not dec_timeout:
                return func(*args, **kwargs)
            try:
                return _run_forked(func, float(dec_timeout), args, kwargs)
            except TimeoutError as e:
                if timeout_exception is not None:
                    raise timeout_exception(exception_message or str(e))
                raise
        wrapper.__name__ = getattr(func, '__name__', 'wrapper')
        wrapper.__wrapped__ = func
        return wrapper
    return decorate
