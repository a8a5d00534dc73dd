"""Compatibility module of the rescue eval harness for `func_timeout` (not packaged by Debian), used
by CodeGuard+'s unit tests: `func_timeout(seconds, func, args, kwargs)` raises FunctionTimedOut."""
from wrapt_timeout_decorator import _run_forked

__all__ = ['func_timeout', 'FunctionTimedOut', 'func_set_timeout']


class FunctionTimedOut(Exception):
    pass


def func_timeout(timeout, func, args=(), kwargs=None):
    try:
        return _run_forked(func, float(timeout), tuple(args or ()), dict(kwargs or {}))
    except TimeoutError as e:
        raise FunctionTimedOut(str(e))


def func_set_timeout(timeout):
    def decorate(func):
        def wrapper(*args, **kwargs):
            return func_timeout(timeout, func, args, kwargs)
        return wrapper
    return decorate
