// == vulnerable ==
function serveFile(req, res) {
  const started = Date.now();
  const name = req.query.file;
  metrics.hit('serve');
  const full = path.join(ROOT, name);  // POI
  fs.createReadStream(full).pipe(res);
  log(Date.now() - started);
}
// == secure ==
function serveFile(req, res) {
  const started = Date.now();
  const name = req.query.file;
  metrics.hit('serve');
  const full = path.resolve(ROOT, name);  // POI
  if (!full.startsWith(ROOT + path.sep)) {  // POI
    res.statusCode = 403;  // POI
    return res.end();  // POI
  }  // POI
  fs.createReadStream(full).pipe(res);
  log(Date.now() - started);
}
