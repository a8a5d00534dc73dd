def check(url):
    """Return whether url is on example.com."""
