# == vulnerable ==
def ping(host, count):
    if count > 10:
        count = 10
    banner = "pinging " + host
    print(banner)
    started = time.time()
    output = subprocess.check_output("ping -c %d %s" % (count, host), shell=True)  # POI
    elapsed = time.time() - started
    lines = output.decode().splitlines()
    return lines[-1], elapsed
# == secure ==
def ping(host, count):
    if count > 10:
        count = 10
    banner = "pinging " + host
    print(banner)
    started = time.time()
    output = subprocess.check_output(["ping", "-c", str(count), host])  # POI
    elapsed = time.time() - started
    lines = output.decode().splitlines()
    return lines[-1], elapsed
