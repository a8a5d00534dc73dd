const express = require('express');
const app = express();

// Greet the visitor by the name given in the query string.
app.get('/hello', (req, res) => {
  const name = req.query.name;
  res.send('<h1>Hello, ' + name + '</h1>');
});

app.listen(3000);
