# == vulnerable slice ==
def download(request, base_dir):
    name = request.args.get("file")
    # ...
    path = os.path.join(base_dir, name)
    with open(path, "rb") as handle:
        data = handle.read()
    # ...
# == secure slice ==
def download(request, base_dir):
    name = request.args.get("file")
    # ...
    path = os.path.realpath(os.path.join(base_dir, name))
    if not path.startswith(os.path.realpath(base_dir) + os.sep):
        abort(403)
    with open(path, "rb") as handle:
        data = handle.read()
    # ...
