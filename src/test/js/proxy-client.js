// Calls the rescue proxy with the official OpenAI Node SDK, the way any client application would,
// and prints what it saw as one JSON object for dev.rescue.serve.http.OpenAiNodeSdkTest to check.
// Usage: PROXY_BASE_URL=http://127.0.0.1:PORT/v1 node proxy-client.js
// (with NODE_PATH pointing at the node_modules that holds 'openai')
'use strict';
const OpenAI = require('openai');

const TASK = 'Fix this function that loads the config file a user uploaded:\n' +
  '```python\nimport yaml\n\ndef load_config(path):\n    with open(path) as f:\n        return yaml.load(f)\n```';

async function main() {
  const client = new OpenAI({ baseURL: process.env.PROXY_BASE_URL, apiKey: 'sk-client-test', maxRetries: 0, timeout: 30000 });
  const messages = [{ role: 'user', content: TASK }];
  const out = {};

  const { data: completion, response } = await client.chat.completions
    .create({ model: 'fake-coder', messages, temperature: 0.1 }).withResponse();
  out.plain = { content: completion.choices[0].message.content, cwes: response.headers.get('x-rescue-cwes') };

  const { data: stream, response: streamResponse } = await client.chat.completions
    .create({ model: 'fake-coder', messages, stream: true }).withResponse();
  let content = '';
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    content += chunk.choices[0]?.delta?.content ?? '';
  }
  out.stream = { content, chunks, cwes: streamResponse.headers.get('x-rescue-cwes') };

  const models = await client.models.list();
  out.models = models.data.map((m) => m.id);

  try {
    await client.chat.completions.create({ model: 'no-such-model', messages });
    out.unknownModel = { status: 0 };
  } catch (e) {
    out.unknownModel = { status: e.status, message: e.message, code: e.code };
  }

  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write('proxy-client failed: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
