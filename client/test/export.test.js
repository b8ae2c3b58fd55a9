import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, createAnswer } from '../js/answers.js';
import { answerMarkdown, conversationJson, conversationMarkdown } from '../js/export.js';

function answered() {
  const a = createAnswer('q1', 'What does it cost?');
  const refs = [{ source: 'costs.md', title: 'Costs › Idle', uri: 'knowledge/costs.md#idle' }];
  [
    { type: 'start', seq: 0, backend: 'local', model: 'extractive' },
    { type: 'trace', seq: 1, step: { kind: 'retrieval', t: 1, query: 'cost', references: refs } },
    { type: 'done', seq: 2, text: 'Nothing locally. [1]', citations: [{ index: 0, span: { start: 0, end: 16 }, references: refs }],
      usage: { inputTokens: 3, outputTokens: 2 }, costUsd: 0, timings: { firstTokenMs: 1, totalMs: 2 }, stopReason: 'complete' },
  ].forEach((e) => applyEvent(a, { id: 'q1', ...e }));
  return a;
}

test('an answer copies as Markdown with its numbered sources as absolute links', () => {
  assert.equal(answerMarkdown(answered(), { origin: 'http://localhost:8080/' }),
    'Nothing locally. [1]\n\nSources:\n1. [costs.md — Costs › Idle](http://localhost:8080/knowledge/costs.md#idle)');
});

test('the conversation exports as Markdown with a heading per question', () => {
  const md = conversationMarkdown([answered()], { sourcesBase: 'https://example.org/k/' });
  assert.match(md, /^# Glassbox conversation\n\n## What does it cost\?\n\nNothing locally\. \[1\]/);
  assert.match(md, /1\. \[costs\.md — Costs › Idle\]\(https:\/\/example\.org\/k\/costs\.md#idle\)/);
  assert.match(md, /_3 in \/ 2 out words · \$0 · local_/);
});

test('the conversation exports as JSON with trace, citations and stats', () => {
  const json = conversationJson([answered()]);
  const data = JSON.parse(json);
  assert.ok(!('sessionId' in data), 'the session id is the conversation secret');
  assert.equal(data.answers[0].question, 'What does it cost?');
  assert.equal(data.answers[0].answer, 'Nothing locally. [1]');
  assert.equal(data.answers[0].trace[0].kind, 'retrieval');
  assert.equal(data.answers[0].citations.length, 1);
  assert.equal(data.answers[0].costUsd, 0);
});

test('Markdown in a question or source name cannot forge links', () => {
  const a = answered();
  a.question = 'Is [this](javascript:x) safe?';
  assert.match(conversationMarkdown([a]), /## Is \\\[this\\\]\(javascript:x\) safe\?/);
});
