"""Reference stand-in for PyPI's func_timeout (Debian has no package), written apart from the
harness's own compatibility module so that the reference verdicts of CodeGuardPlusAgreementTest do
not inherit its mistakes: the call runs in a daemon thread of the caller's process, its exception is
re-raised in the caller, and FunctionTimedOut is raised when it has not returned in time."""
import threading


class FunctionTimedOut(Exception):
    pass


def func_timeout(timeout, func, args=(), kwargs=None):
    result = []
    error = []

    def target():
        try:
            result.append(func(*args, **(kwargs or {})))
        except BaseException as e:  # noqa: BLE001
            error.append(e)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise FunctionTimedOut(f'Function {func.__name__} timed out after {timeout} seconds')
    if error:
        raise error[0]
    return result[0] if result else None


def func_set_timeout(timeout):
    def decorate(func):
        return lambda *a, **k: func_timeout(timeout, func, a, k)
    return decorate
