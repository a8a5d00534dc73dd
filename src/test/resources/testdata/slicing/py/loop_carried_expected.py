# == vulnerable slice ==
def read_records(stream, count):
    offset = 0
    records = []
    # ...
    while offset < count:
        size = stream.read_size()
        records.append(stream.read(offset, size))
        offset = offset + size
    # ...
# == secure slice ==
def read_records(stream, count):
    offset = 0
    records = []
    # ...
    while offset < count:
        size = stream.read_size()
        records.append(stream.read(offset, min(size, count - offset)))
        offset = offset + size
    # ...
