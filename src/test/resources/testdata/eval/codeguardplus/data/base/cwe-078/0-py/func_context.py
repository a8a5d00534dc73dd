def count_lines(path):
    """Return the number of lines of the file at path, as counted by `wc -l`."""
