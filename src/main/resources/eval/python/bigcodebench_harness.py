"""BigCodeBench harness: runs a task's unittest TestCases against one program, as bigcodebench does.

    RESCUE_NONCE=... python3 bigcodebench_harness.py PROGRAM TEST TIMEOUT_SECONDS

Like bigcodebench's unsafe_execute, the program and the test code are executed together as one module
named __test__ (so the tests call the program's task_func directly), with the program's prints
swallowed, TZ=UTC and one OpenMP thread, exit() and quit() removed, and the suite run under a time
limit; the current folder is an empty one the tests may write into.

The outcome is written to the standard output as one line, "RESCUE-BCB <nonce> <json>", with the json
{"status": "pass" | "fail" | "timeout" | "error", "tests": n, "issues": [{"test", "kind", "trace"}],
"message": text}. The nonce comes from the environment and is removed from it before the program runs,
and the program's own writes to the standard output go to /dev/null, so neither the program's
output nor an early exit (os._exit(0), sys.exit) can pass for a verdict. This does not stop a program
written to cheat: it shares this process and could find the nonce in memory. What does is outside:
the sandbox and the checks of the harness.
"""

import builtins
import contextlib
import faulthandler
import io
import json
import os
import signal
import sys
import types
import unittest

TRACE_CHARS = 1500
ISSUES_SHOWN = 10


class TimeoutException(BaseException):
    pass


class _WriteOnly(io.StringIO):
    """bigcodebench's WriteOnlyStringIO: swallows writes, refuses reads."""

    def read(self, *args, **kwargs):
        raise OSError()

    def readline(self, *args, **kwargs):
        raise OSError()

    def readlines(self, *args, **kwargs):
        raise OSError()

    def readable(self, *args, **kwargs):
        return False


class _redirect_stdin(contextlib._RedirectStream):  # noqa: N801 - as bigcodebench names it
    _stream = "stdin"


@contextlib.contextmanager
def swallow_io():
    stream = _WriteOnly()
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream), _redirect_stdin(stream):
        yield


@contextlib.contextmanager
def time_limit(seconds):
    def on_alarm(signum, frame):
        raise TimeoutException("Timed out!")

    signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.signal(signal.SIGALRM, on_alarm)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main():
    program_path, test_path, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    nonce = os.environ.pop("RESCUE_NONCE", "")
    with open(program_path, encoding="utf-8") as f:
        code = f.read()
    with open(test_path, encoding="utf-8") as f:
        test_code = f.read()
    # the verdict's channel: a private copy of stdout; the program's fd 1 goes to /dev/null, so
    # neither its output nor its subprocesses' can push the verdict out of what the harness reads
    verdict = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)

    def report(status, tests=0, issues=(), message=""):
        shown = [{"test": name, "kind": kind, "trace": trace[-TRACE_CHARS:]} for name, kind, trace in issues]
        verdict.write("RESCUE-BCB %s %s\n" % (nonce, json.dumps({
            "status": status, "tests": tests, "issue_count": len(shown), "issues": shown[:ISSUES_SHOWN],
            "message": message[-TRACE_CHARS:]})))
        verdict.flush()

    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    module_name = "__test__"
    module = types.ModuleType(module_name)
    module.__dict__.update({
        "__builtins__": builtins,
        "__file__": f"{module_name}.py",
        "__package__": None,
        "__doc__": None,
        "sys": sys,
        "os": os,
        "environ": os.environ,
    })
    result = unittest.TestResult()
    try:
        full_code = code + "\n" + test_code
        with swallow_io():
            exec(compile(full_code, f"{module_name}.py", "exec"), module.__dict__)
            sys.modules[module_name] = module
            test_cases = getattr(module, "TestCases")
            suite = unittest.TestLoader().loadTestsFromTestCase(test_cases)
            with time_limit(timeout):
                suite.run(result)
    except TimeoutException:
        report("timeout", result.testsRun, [], "tests timed out after %g s" % timeout)
        return
    except BaseException as e:  # noqa: B902 - bigcodebench's "ALL" detail: whatever stopped the module
        report("error", result.testsRun, [], "%s: %s" % (type(e).__name__, e))
        return
    issues = [(t.id().split(".")[-1], "failure", trace) for t, trace in result.failures]
    issues += [(t.id().split(".")[-1], "error", trace) for t, trace in result.errors]
    report("fail" if issues else "pass", result.testsRun, issues)


if __name__ == "__main__":
    main()
    # the tests may leave threads or pools behind; the outcome is written, so do not wait for them
    sys.stdout.flush()
    os._exit(0)
