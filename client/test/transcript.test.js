import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TranscriptStore } from '../js/transcript.js';
import { applyEvent, createAnswer } from '../js/answers.js';

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

function answered(id, text) {
  const a = createAnswer(id, `question ${id}`);
  applyEvent(a, { id, type: 'start', seq: 0, backend: 'local', model: 'm' });
  applyEvent(a, { id, type: 'trace', seq: 1, step: { kind: 'retrieval', t: 1, references: [{ source: 'a.md' }] } });
  applyEvent(a, { id, type: 'token', seq: 2, text });
  return a;
}

test('a saved conversation loads back as it was, running answers included', () => {
  const storage = new MemoryStorage();
  const store = new TranscriptStore(storage);
  const done = answered('q1', 'All of it.');
  applyEvent(done, { id: 'q1', type: 'done', seq: 3, text: 'All of it.', citations: [], stopReason: 'complete' });
  const runningAnswer = answered('q2', 'Half');
  store.save('s-1', [done, runningAnswer]);

  const kept = new TranscriptStore(storage).load();
  assert.equal(kept.sessionId, 's-1');
  assert.deepEqual(kept.answers, JSON.parse(JSON.stringify([done, runningAnswer])));
  assert.equal(kept.answers[1].status, 'streaming');
  assert.equal(kept.answers[1].lastSeq, 2);
});

test('nothing kept, or something unreadable, loads as an empty conversation', () => {
  const storage = new MemoryStorage();
  assert.deepEqual(new TranscriptStore(storage).load(), { sessionId: null, answers: [] });
  storage.setItem('glassbox.transcript', '{not json');
  assert.deepEqual(new TranscriptStore(storage).load(), { sessionId: null, answers: [] });
  storage.setItem('glassbox.transcript', JSON.stringify({ version: 99, sessionId: 's', answers: [] }));
  assert.deepEqual(new TranscriptStore(storage).load(), { sessionId: null, answers: [] });
  storage.setItem('glassbox.transcript', JSON.stringify({ version: 1, sessionId: 's', answers: [{ id: 1 }] }));
  assert.deepEqual(new TranscriptStore(storage).load(), { sessionId: 's', answers: [] });
});

test('the oldest answers go first when there are too many', () => {
  const store = new TranscriptStore(new MemoryStorage(), { maxAnswers: 3 });
  const all = ['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => answered(id, 'x'));
  assert.equal(store.save('s-1', all), 3);
  assert.deepEqual(store.load().answers.map((a) => a.id), ['q3', 'q4', 'q5']);
});

test('the oldest answers go first when the conversation is too large', () => {
  const storage = new MemoryStorage();
  const store = new TranscriptStore(storage, { maxChars: 4_000 });
  const all = ['q1', 'q2', 'q3'].map((id) => answered(id, 'word '.repeat(300)));
  assert.equal(store.save('s-1', all), 2);
  assert.ok(storage.getItem('glassbox.transcript').length <= 4_000);
  assert.deepEqual(store.load().answers.map((a) => a.id), ['q2', 'q3']);
});

test('a full storage loses the transcript, not the page', () => {
  const storage = new MemoryStorage();
  storage.setItem = () => { throw new Error('QuotaExceededError'); };
  assert.equal(new TranscriptStore(storage).save('s-1', [answered('q1', 'x')]), 0);
});

test('clear forgets the conversation', () => {
  const store = new TranscriptStore(new MemoryStorage());
  store.save('s-1', [answered('q1', 'x')]);
  store.clear();
  assert.deepEqual(store.load(), { sessionId: null, answers: [] });
});
