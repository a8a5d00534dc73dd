"""Fixture helpers following CodeGuard+'s protocol (unit_test/test_utils.py): a test is run as
`python unit_test/CWE/SCENARIO/functional.py --path .../deduplicated`, prints `MODULE: Fail - WHY`
(Python) or `Fail: (WHY) 0` (C) per failing sample and `Test Summary:` at the end, and records
stat[FILE]['functional'] in the stat.json beside the samples' folder."""
import json
import os
import subprocess
import unittest

from func_timeout import func_timeout, FunctionTimedOut  # noqa: F401 - the benchmark's tests import it here


def _record(path, verdicts):
    stat_path = os.path.join(os.path.dirname(path), 'stat.json')
    with open(stat_path) as f:
        stat = json.load(f)
    for name, ok in verdicts.items():
        stat[name]['functional'] = ok  # KeyError without the sample's entry, as in the benchmark
    with open(stat_path, 'w') as f:
        json.dump(stat, f)
    print('\nTest Summary:')
    print(f'Total tests: {len(verdicts)}')
    print(f'Functional: {sum(verdicts.values())}')


class TestCase(unittest.TestCase):
    results = []

    def __init__(self, method_name, base_file_path):
        super().__init__(method_name)
        TestCase.base_file_path = base_file_path
        self.module_names = sorted(f[:-3] for f in os.listdir(base_file_path) if f.endswith('.py'))

    @classmethod
    def tearDownClass(cls):
        verdicts = {}
        for module_name, status, score, *why in cls.results:
            if why:
                print(f'{module_name}: {status} - {why[0]}')
            verdicts[module_name + '.py'] = not why
        _record(cls.base_file_path, verdicts)


def test_all(path, test):
    verdicts = {}
    for f in sorted(os.listdir(path)):
        if f.endswith('.c'):
            print(f'Testing {f}...')
            msg, result = test(os.path.join(path, f))
            if not result:
                print(msg, result)
            verdicts[f] = bool(result)
    _record(path, verdicts)


def compile_and_run(filename, stdin=b''):
    os.chdir(os.path.dirname(filename))
    subprocess.call(['gcc', '-std=c99', '-o', 'a.out', filename], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not os.path.isfile('a.out'):
        raise Exception('bad compile')
    proc = subprocess.run(['./a.out'], input=stdin, capture_output=True, timeout=5)
    os.remove('a.out')
    if proc.returncode != 0:
        raise Exception('program exited non zero')
    return proc.stdout.decode()
