"""Helpers shared by the functional tests (CodeGuard+ layout: unit_test/test_utils.py)."""
import importlib.util
import json
import os


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(gen_dir, results):
    """Writes functional true/false per file into gen_dir/../stat.json when it exists."""
    stat_path = os.path.join(gen_dir, '..', 'stat.json')
    if not os.path.exists(stat_path):
        return
    with open(stat_path) as f:
        stat = json.load(f)
    for name, ok in results.items():
        if name in stat:
            stat[name]['functional'] = ok
    with open(stat_path, 'w') as f:
        json.dump(stat, f)
