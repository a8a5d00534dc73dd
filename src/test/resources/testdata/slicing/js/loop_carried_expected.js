// == vulnerable slice ==
function renderItems(items, out) {
  let html = '';
  // ...
  for (const item of items) {
    html = html + '<li>' + item.name + '</li>';
    // ...
  }
  out.innerHTML = html;
  // ...
}
// == secure slice ==
function renderItems(items, out) {
  let html = '';
  // ...
  for (const item of items) {
    html = html + '<li>' + escapeHtml(item.name) + '</li>';
    // ...
  }
  out.innerHTML = html;
  // ...
}
