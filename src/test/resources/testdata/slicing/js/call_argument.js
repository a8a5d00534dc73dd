// == vulnerable ==
function archive(dir, cb) {
  const stamp = new Date().toISOString();
  const target = dir + '.tar';
  console.log('archive', stamp);
  child_process.exec('tar cf ' + target + ' ' + dir, cb);  // POI
  return target;
}
// == secure ==
function archive(dir, cb) {
  const stamp = new Date().toISOString();
  const target = dir + '.tar';
  console.log('archive', stamp);
  child_process.execFile('tar', ['cf', target, dir], cb);  // POI
  return target;
}
