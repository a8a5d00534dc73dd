"""pytest plugin of the rescue eval harness.

Leaves out the benchmark's tests of its own unsafe references (test functions named *unsafe*: they
exercise the *_unsafe files, not the sample) and sends every remaining test's outcome and markers to
the harness, so it can tell functionality from security tests.

The records go over the channel the sandbox opened for this run (see dev.rescue.eval.ReportChannel):
descriptor $RESCUE_REPORT_FD, append-only to a log the sample cannot open, each line
"SEQ MAC JSON" with MAC = HMAC-SHA256(key, SEQ \\n previous MAC \\n JSON). The key comes from
descriptor $RESCUE_KEY_FD, which is read and closed when this module is imported, before pytest
imports the sample. A "start" record proves the plugin loaded; a "finished" record, written last,
carries pytest's exit status, and without it the harness takes the tests as not finished.

The sample is imported into this process, so it can still reach this module's state (the key lives in
a closure, not a global, which only raises the bar); what it can no longer do is write a report
file, write the channel from a child process, or read this process's memory from one (not dumpable).
"""
import ctypes
import hashlib
import hmac
import json
import os

import pytest


def _channel():
    """The record writer over the inherited descriptors, or None outside the harness."""
    try:
        fd = int(os.environ.pop('RESCUE_REPORT_FD'))
        key_fd = int(os.environ.pop('RESCUE_KEY_FD'))
    except (KeyError, ValueError):
        return None
    try:
        key = os.read(key_fd, 256).strip()
    finally:
        os.close(key_fd)
    # children (the compiled C and Go programs the tests run) never get the descriptor
    os.set_inheritable(fd, False)
    try:
        # PR_SET_DUMPABLE 0: a child running as the same user cannot read or write this process's
        # memory through ptrace or /proc/PID/mem
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    state = {'seq': 0, 'prev': ''}

    def send(record):
        body = json.dumps(record, sort_keys=True, separators=(',', ':'))
        seq = state['seq']
        mac = hmac.new(key, ('%d\n%s\n%s' % (seq, state['prev'], body)).encode('utf-8'), hashlib.sha256).hexdigest()
        line = ('%d %s %s\n' % (seq, mac, body)).encode('utf-8')
        written = 0
        while written < len(line):
            written += os.write(fd, line[written:])
        state['seq'] = seq + 1
        state['prev'] = mac

    return send


_send = _channel()
_counts = {'tests': 0, 'collect_errors': 0}
if _send is not None:
    _send({'type': 'start', 'pytest': pytest.__version__})


def _record(record):
    if _send is not None:
        _send(record)


def pytest_collection_modifyitems(session, config, items):
    keep, drop = [], []
    for item in items:
        name = getattr(item, 'originalname', None) or item.name.split('[')[0]
        (drop if 'unsafe' in name else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _last_line(report):
    text = getattr(report, 'longreprtext', '') or str(report.longrepr or '')
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    for l in reversed(lines):
        if l.startswith('E '):
            return l[2:].strip()[:300]
    return (lines[-1] if lines else '')[:300]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when == 'call' or (rep.when == 'setup' and not rep.passed):
        _counts['tests'] += 1
        _record({
            'type': 'test',
            'test': item.nodeid,
            'outcome': rep.outcome,
            'markers': sorted({m.name for m in item.iter_markers()}),
            'message': _last_line(rep) if rep.failed else '',
        })


def pytest_collectreport(report):
    if report.failed:
        _counts['collect_errors'] += 1
        _record({'type': 'collect_error', 'message': _last_line(report)})


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    # last of the sessionfinish hooks, so the status is the one pytest will exit with
    _record({'type': 'finished', 'exitstatus': int(session.exitstatus), 'tests': _counts['tests'],
             'collect_errors': _counts['collect_errors']})
