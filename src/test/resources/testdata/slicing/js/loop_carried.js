// == vulnerable ==
function renderItems(items, out) {
  let html = '';
  let count = 0;
  console.log('render');
  for (const item of items) {
    html = html + '<li>' + item.name + '</li>';  // POI
    count = count + 1;
  }
  out.innerHTML = html;
  return count;
}
// == secure ==
function renderItems(items, out) {
  let html = '';
  let count = 0;
  console.log('render');
  for (const item of items) {
    html = html + '<li>' + escapeHtml(item.name) + '</li>';  // POI
    count = count + 1;
  }
  out.innerHTML = html;
  return count;
}
