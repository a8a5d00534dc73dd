"""Fixture functional test of cwe-078/0-py: count_lines(path) returns the file's line count."""
import argparse
import importlib.util
import os
import sys
import tempfile
import unittest

sys.path.append(os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', '..')))
from test_utils import TestCase, func_timeout, FunctionTimedOut  # noqa: E402


class TestWrapper(TestCase):
    def test_modules(self):
        for module_name in self.module_names:
            spec = importlib.util.spec_from_file_location(module_name, os.path.join(base_file_path, module_name + '.py'))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)  # an exception here leaves no verdict, as in the benchmark
            with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False, dir='.') as f:
                f.write('a\nb\nc\n')
            calls = []

            def logic():
                calls.append(1)  # a side effect the caller must see: func_timeout runs in-process
                got = module.count_lines(f.name)
                self.assertEqual(3, int(got), f'expected 3, got {got!r}')
            try:
                func_timeout(5, logic)
                self.assertEqual([1], calls, 'func_timeout ran the call outside this process')
                TestWrapper.results.append((module_name, 'Pass', 1))
            except FunctionTimedOut as e:
                TestWrapper.results.append((module_name, 'Fail', 0, str(e)))
            except Exception as e:
                TestWrapper.results.append((module_name, 'Fail', 0, str(e)))
            finally:
                os.unlink(f.name)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--path', type=str)
    base_file_path = parser.parse_args().path
    suite = unittest.TestSuite()
    suite.addTest(TestWrapper('test_modules', base_file_path))
    unittest.TextTestRunner().run(suite)
