// == vulnerable slice ==
function serveFile(req, res) {
  // ...
  const name = req.query.file;
  // ...
  const full = path.join(ROOT, name);
  fs.createReadStream(full).pipe(res);
  log(Date.now() - started);
}
// == secure slice ==
function serveFile(req, res) {
  // ...
  const name = req.query.file;
  // ...
  const full = path.resolve(ROOT, name);
  if (!full.startsWith(ROOT + path.sep)) {
    res.statusCode = 403;
    return res.end();
  }
  fs.createReadStream(full).pipe(res);
  log(Date.now() - started);
}
