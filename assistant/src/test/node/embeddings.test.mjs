// The OpenAI-compatible embedding API, driven by the official `openai` npm client exactly as another portal would.
// Run by OpenAiNodeClientIT with:
//   GOVASSIST_BASE_URL       http://127.0.0.1:PORT/v1
//   GOVASSIST_API_KEY        a key created through the admin API
//   GOVASSIST_LIMITED_KEY    a key allowed 1 request per minute
//   GOVASSIST_EXPECTED       JSON file {"texts": [...], "passages": [[...]], "query": "...", "queryVector": [...]}
//                            with the server model's own vectors, computed in-process by the Java test
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const baseURL = process.env.GOVASSIST_BASE_URL;
const apiKey = process.env.GOVASSIST_API_KEY;
const expected = JSON.parse(readFileSync(process.env.GOVASSIST_EXPECTED, 'utf8'));
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const MODEL = 'govassist-embed-zh-3'; // the server's own model (the base is served too)

const cosine = (a, b) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
};
const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

test('client default (base64, decoded by the client) gives the server model vectors and usage', async () => {
  const res = await client.embeddings.create({ model: MODEL, input: expected.texts });
  assert.equal(res.object, 'list');
  assert.equal(res.model, MODEL);
  assert.equal(res.data.length, expected.texts.length);
  res.data.forEach((item, i) => {
    assert.equal(item.object, 'embedding');
    assert.equal(item.index, i);
    assert.equal(item.embedding.length, 512);
    assert.ok(Math.abs(norm(item.embedding) - 1) < 1e-4, `unit length, got ${norm(item.embedding)}`);
    const c = cosine(item.embedding, expected.passages[i]);
    assert.ok(c >= 0.9999, `input ${i}: cosine ${c} to the server model's vector`);
  });
  assert.equal(res.usage.prompt_tokens, expected.promptTokens);
  assert.equal(res.usage.total_tokens, expected.promptTokens);
});

test('explicit float and explicit base64 decode to the same numbers', async () => {
  const asFloat = await client.embeddings.create({ model: MODEL, input: expected.texts[0], encoding_format: 'float' });
  const asBase64 = await client.embeddings.create({ model: MODEL, input: expected.texts[0], encoding_format: 'base64' });
  assert.equal(typeof asBase64.data[0].embedding, 'string');
  const bytes = Buffer.from(asBase64.data[0].embedding, 'base64');
  assert.equal(bytes.length, 512 * 4);
  const decoded = [];
  for (let i = 0; i < 512; i++) decoded.push(bytes.readFloatLE(i * 4));
  const floats = asFloat.data[0].embedding;
  assert.equal(floats.length, 512);
  for (let i = 0; i < 512; i++) {
    assert.ok(Math.abs(decoded[i] - floats[i]) <= 1e-6 * Math.max(1, Math.abs(floats[i])), `component ${i}`);
  }
});

test('related clauses are closer than unrelated ones, and the query alias ranks the right clause first', async () => {
  const passages = (await client.embeddings.create({ model: MODEL, input: expected.texts })).data.map((d) => d.embedding);
  const query = (await client.embeddings.create({ model: `${MODEL}-query`, input: expected.query })).data[0].embedding;
  assert.ok(cosine(query, expected.queryVector) >= 0.9999, 'query vector equals the server model query embedding');
  const scores = passages.map((p) => cosine(query, p));
  const best = scores.indexOf(Math.max(...scores));
  assert.equal(best, expected.relevantIndex, `scores ${scores.map((s) => s.toFixed(3)).join(', ')}`);
  // the two 政府信息公开 clauses are closer to each other than to the computing-power clause
  assert.ok(cosine(passages[1], passages[2]) > cosine(passages[1], passages[3]));
});

test('dimensions gives shorter unit vectors', async () => {
  const res = await client.embeddings.create({ model: MODEL, input: expected.texts[0], dimensions: 256 });
  assert.equal(res.data[0].embedding.length, 256);
  assert.ok(Math.abs(norm(res.data[0].embedding) - 1) < 1e-4);
});

test('errors arrive as the client\'s typed errors with OpenAI error codes', async () => {
  const wrong = new OpenAI({ baseURL, apiKey: 'ga-wrong', maxRetries: 0 });
  await assert.rejects(wrong.embeddings.create({ model: MODEL, input: '政务' }), (e) => {
    assert.ok(e instanceof OpenAI.AuthenticationError, e.constructor.name);
    assert.equal(e.status, 401);
    assert.equal(e.code, 'invalid_api_key');
    return true;
  });
  await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small', input: '政务' }), (e) => {
    assert.ok(e instanceof OpenAI.NotFoundError, e.constructor.name);
    assert.equal(e.code, 'model_not_found');
    assert.equal(e.param, 'model');
    return true;
  });
  await assert.rejects(client.embeddings.create({ model: MODEL, input: '政府信息公开。'.repeat(200) }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError, e.constructor.name);
    assert.equal(e.code, 'context_length_exceeded');
    return true;
  });
  const truncated = await client.embeddings.create({ model: MODEL, input: '政府信息公开。'.repeat(200), truncate: true });
  assert.equal(truncated.usage.prompt_tokens, 512);
});

test('a second request within the minute of a 1-per-minute key is a RateLimitError with retry-after', async () => {
  const limited = new OpenAI({ baseURL, apiKey: process.env.GOVASSIST_LIMITED_KEY, maxRetries: 0 });
  await limited.embeddings.create({ model: MODEL, input: '政务' });
  await assert.rejects(limited.embeddings.create({ model: MODEL, input: '政务' }), (e) => {
    assert.ok(e instanceof OpenAI.RateLimitError, e.constructor.name);
    assert.equal(e.status, 429);
    assert.equal(e.code, 'rate_limit_exceeded');
    assert.ok(Number(e.headers.get('retry-after')) >= 1);
    return true;
  });
});
