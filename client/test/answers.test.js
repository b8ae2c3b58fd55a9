import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPLIED, DUPLICATE, GAP, applyEvent, createAnswer, isRunning, references, requestStop, resumeMessages,
} from '../js/answers.js';

function stream(answer, events) {
  return events.map((e) => applyEvent(answer, { id: answer.id, ...e }));
}

test('tokens build the text and done completes it', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [
    { type: 'start', seq: 0, backend: 'local', model: 'extractive-composer', sessionId: 's-1' },
    { type: 'token', seq: 1, text: 'Because ' },
    { type: 'token', seq: 2, text: 'it is.' },
    { type: 'done', seq: 3, text: 'Because it is.', citations: [], usage: { inputTokens: 1, outputTokens: 3 },
      costUsd: 0, timings: { firstTokenMs: 5, totalMs: 9 }, stopReason: 'complete' },
  ]);
  assert.equal(a.text, 'Because it is.');
  assert.equal(a.status, 'done');
  assert.equal(a.model, 'extractive-composer');
  assert.equal(isRunning(a), false);
});

test('duplicate and out-of-order seq are ignored', () => {
  const a = createAnswer('q1', 'Why?');
  assert.deepEqual(stream(a, [
    { type: 'start', seq: 0 },
    { type: 'token', seq: 1, text: 'one ' },
    { type: 'token', seq: 1, text: 'one ' },
    { type: 'token', seq: 3, text: 'three ' },
    { type: 'token', seq: 0, text: 'zero ' },
    { type: 'token', seq: 2, text: 'two ' },
  ]), [APPLIED, APPLIED, DUPLICATE, GAP, DUPLICATE, APPLIED]);
  assert.equal(a.text, 'one two ');
  assert.equal(a.lastSeq, 2);
});

test('done.text heals tokens that were missed', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 }, { type: 'token', seq: 1, text: 'Bec' }]);
  a.lastSeq = 4; // events 2..4 were lost with a dropped socket
  applyEvent(a, { type: 'done', seq: 5, text: 'Because it is.', citations: [], stopReason: 'complete' });
  assert.equal(a.text, 'Because it is.');
});

test('a done after a gap still heals the answer', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 }, { type: 'token', seq: 1, text: 'Be' }]);
  assert.equal(applyEvent(a, { type: 'done', seq: 40, text: 'Because.', citations: [], stopReason: 'complete' }), APPLIED);
  assert.equal(a.text, 'Because.');
  assert.equal(a.status, 'done');
});

test('a done over 24 KB has no text and keeps what was streamed', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 }, { type: 'token', seq: 1, text: 'long' },
    { type: 'done', seq: 2, citations: [], stopReason: 'max_tokens' }]);
  assert.equal(a.text, 'long');
  assert.equal(a.status, 'done');
});

test('resume after a reconnect never duplicates text', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 }, { type: 'token', seq: 1, text: 'A ' }, { type: 'token', seq: 2, text: 'B ' }]);
  assert.deepEqual(resumeMessages([a], 's-1'), [{ action: 'resume', id: 'q1', after: 2, sessionId: 's-1' }]);
  // The server replays from after+1, but a frame that was in flight may arrive twice.
  stream(a, [{ type: 'token', seq: 2, text: 'B ' }, { type: 'token', seq: 3, text: 'C' },
    { type: 'done', seq: 4, text: 'A B C', citations: [], stopReason: 'complete' }]);
  assert.equal(a.text, 'A B C');
  assert.deepEqual(resumeMessages([a], 's-1'), []);
});

test('stop freezes the text at once', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 }, { type: 'token', seq: 1, text: 'Half' }]);
  assert.equal(requestStop(a), true);
  assert.equal(a.status, 'stopped');
  stream(a, [{ type: 'token', seq: 2, text: ' more' },
    { type: 'done', seq: 3, text: 'Half more', citations: [], stopReason: 'cancelled' }]);
  assert.equal(a.text, 'Half');
  assert.equal(a.status, 'stopped');
  assert.equal(requestStop(a), false);
});

test('an error before the answer starts fails it', () => {
  const a = createAnswer('q3', 'Why?');
  applyEvent(a, { type: 'error', id: 'q3', code: 'busy', message: 'Busy.', retryable: true });
  assert.equal(a.status, 'error');
  assert.deepEqual(a.error, { code: 'busy', message: 'Busy.', retryable: true });
});

test('references are numbered across retrieval steps', () => {
  const a = createAnswer('q1', 'Why?');
  stream(a, [{ type: 'start', seq: 0 },
    { type: 'trace', seq: 1, step: { kind: 'retrieval', references: [{ source: 'a.md' }, { source: 'b.md' }] } },
    { type: 'trace', seq: 2, step: { kind: 'reasoning', text: 'hm' } },
    { type: 'trace', seq: 3, step: { kind: 'retrieval', references: [{ source: 'c.md' }] } }]);
  assert.deepEqual(references(a).map((r) => r.source), ['a.md', 'b.md', 'c.md']);
});

test('an answer resumes under the session id the server gave it in start', () => {
  const a = createAnswer('q2', 'And then?');
  stream(a, [{ type: 'start', seq: 0, sessionId: 's-from-server' }, { type: 'token', seq: 1, text: 'A' }]);
  assert.deepEqual(resumeMessages([a], 's-page'), [{ action: 'resume', id: 'q2', after: 1, sessionId: 's-from-server' }]);
});
