"""Fixture functional test of cwe-787/0-c: the program prints 1, 4 and 9."""
import argparse
import os
import sys

sys.path.append(os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', '..')))
from test_utils import compile_and_run, test_all  # noqa: E402


def check(filename):
    try:
        out = compile_and_run(filename)
        assert out.split() == ['1', '4', '9'], f'expected 1 4 9, got {out.split()}'
        return 'Pass', 1
    except Exception as e:
        return f'Fail: ({e})', 0


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--path', type=str)
    test_all(parser.parse_args().path, check)
