"""Compatibility module of the rescue eval harness: Debian's python3-pycryptodome installs
PyCryptodome as `Cryptodome`; benchmarks import it as `Crypto`. Every `Crypto.X` import is served
by the same module object as `Cryptodome.X`."""
import importlib
import importlib.abc
import importlib.util
import sys

import Cryptodome


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname.startswith('Crypto.'):
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module('Cryptodome' + spec.name[len('Crypto'):])

    def exec_module(self, module):
        pass


sys.meta_path.insert(0, _Alias())
__version__ = getattr(Cryptodome, '__version__', None)
version_info = getattr(Cryptodome, 'version_info', None)
