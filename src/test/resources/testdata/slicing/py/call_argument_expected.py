# == vulnerable slice ==
def ping(host, count):
    if count > 10:
        count = 10
    # ...
    output = subprocess.check_output("ping -c %d %s" % (count, host), shell=True)
    # ...
    lines = output.decode().splitlines()
    return lines[-1], elapsed
# == secure slice ==
def ping(host, count):
    if count > 10:
        count = 10
    # ...
    output = subprocess.check_output(["ping", "-c", str(count), host])
    # ...
    lines = output.decode().splitlines()
    return lines[-1], elapsed
