# == vulnerable ==
def read_records(stream, count):
    offset = 0
    records = []
    log = get_logger()
    log.info("reading")
    while offset < count:
        size = stream.read_size()
        records.append(stream.read(offset, size))  # POI
        offset = offset + size
    log.info("done")
    return records
# == secure ==
def read_records(stream, count):
    offset = 0
    records = []
    log = get_logger()
    log.info("reading")
    while offset < count:
        size = stream.read_size()
        records.append(stream.read(offset, min(size, count - offset)))  # POI
        offset = offset + size
    log.info("done")
    return records
