"""pytest plugin of the rescue eval harness.

Leaves out the benchmark's tests of its own unsafe references (test functions named *unsafe*: they
exercise the *_unsafe files, not the sample) and writes every remaining test's outcome and markers
as JSON to $RESCUE_PYTEST_REPORT, so the harness can tell functionality from security tests.
"""
import json
import os

import pytest

_tests = []
_collect_errors = []


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
        _tests.append({
            'test': item.nodeid,
            'outcome': rep.outcome,
            'markers': sorted({m.name for m in item.iter_markers()}),
            'message': _last_line(rep) if rep.failed else '',
        })


def pytest_collectreport(report):
    if report.failed:
        _collect_errors.append(_last_line(report))


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get('RESCUE_PYTEST_REPORT')
    if path:
        with open(path, 'w') as f:
            json.dump({'exitstatus': int(exitstatus), 'tests': _tests, 'collect_errors': _collect_errors}, f)
