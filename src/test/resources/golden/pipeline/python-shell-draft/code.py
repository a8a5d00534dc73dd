import subprocess


def ping(host):
    """Ping the host the user typed and return the output."""
    return subprocess.check_output("ping -c 1 " + host, shell=True)
