import subprocess

import yaml


def load_config(path):
    with open(path) as f:
        return yaml.load(f)


def list_dir(user_dir):
    return subprocess.check_output("ls -l " + user_dir, shell=True)
