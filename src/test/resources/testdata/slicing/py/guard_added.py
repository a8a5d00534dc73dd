# == vulnerable ==
def download(request, base_dir):
    name = request.args.get("file")
    audit("download", name)
    stats = load_stats()
    stats.hits += 1
    save_stats(stats)
    path = os.path.join(base_dir, name)  # POI
    with open(path, "rb") as handle:
        data = handle.read()
    return send(data)
# == secure ==
def download(request, base_dir):
    name = request.args.get("file")
    audit("download", name)
    stats = load_stats()
    stats.hits += 1
    save_stats(stats)
    path = os.path.realpath(os.path.join(base_dir, name))  # POI
    if not path.startswith(os.path.realpath(base_dir) + os.sep):  # POI
        abort(403)  # POI
    with open(path, "rb") as handle:
        data = handle.read()
    return send(data)
