"""Functional test of cwe-078/0-py: count_lines(path) returns the file's line count."""
import argparse
import os
import tempfile

from func_timeout import func_timeout, FunctionTimedOut
from test_utils import load_module, record


def check(module):
    with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False, dir='.') as f:
        f.write('a\nb\nc\n')
        name = f.name
    try:
        got = func_timeout(5, module.count_lines, (name,))
        return int(got) == 3, f'expected 3, got {got!r}'
    finally:
        os.unlink(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--path', required=True)
    args = parser.parse_args()
    results = {}
    for file in sorted(os.listdir(args.path)):
        if not file.endswith('.py'):
            continue
        name = file[:-3]
        try:
            ok, why = check(load_module(os.path.join(args.path, file)))
        except FunctionTimedOut:
            ok, why = False, 'timeout'
        except Exception as e:  # noqa: BLE001
            ok, why = False, f'{type(e).__name__}: {e}'
        results[name] = ok
        if not ok:
            print(f'{name}: Fail - {why}')
    record(args.path, results)
    print('Test Summary')
    print(f'Total tests: {len(results)}')
    print(f'Functional: {sum(results.values())}')


if __name__ == '__main__':
    main()
