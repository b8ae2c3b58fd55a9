import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCost, formatUsage, guardrailLine, modelUsage, promptSummary, statsLine } from '../js/format.js';
import { createAnswer } from '../js/answers.js';

test('the local agent costs nothing and says so', () => {
  assert.equal(formatCost(0, 'local'), '$0 · local');
});

test('an unpriced answer says its cost is unknown', () => {
  assert.equal(formatCost(null, 'bedrock-rag'), 'cost unknown');
  assert.equal(formatCost(undefined, 'openai'), 'cost unknown');
});

test('other costs show two significant digits', () => {
  assert.equal(formatCost(0.000213456, 'bedrock-rag'), '$0.00021');
  assert.equal(formatCost(0.0123, 'bedrock-agent'), '$0.012');
  assert.equal(formatCost(0.000999, 'bedrock-rag'), '$0.0010');
  assert.equal(formatCost(1.234, 'bedrock-rag'), '$1.2');
  assert.equal(formatCost(12.34, 'bedrock-rag'), '$12');
  assert.equal(formatCost(0, 'openai'), '$0');
});

test('the local agent counts words, model backends tokens', () => {
  assert.equal(formatUsage({ inputTokens: 7, outputTokens: 120 }, 'local'), '7 in / 120 out words');
  assert.equal(formatUsage({ inputTokens: 700, outputTokens: 12 }, 'bedrock-rag'), '700 in / 12 out tokens');
  assert.equal(formatUsage(null, 'local'), null);
});

test('the stats line of a finished local answer', () => {
  const a = { ...createAnswer('q1', 'Why?'), status: 'done', backend: 'local', costUsd: 0,
    usage: { inputTokens: 3, outputTokens: 40 }, timings: { firstTokenMs: 4, totalMs: 90 } };
  assert.equal(statsLine(a), 'first token 4 ms · total 90 ms · 3 in / 40 out words · $0 · local');
});

test('an error reads as its code and message', () => {
  const a = { ...createAnswer('q1', 'Why?'), status: 'error', error: { code: 'busy', message: 'Busy.' } };
  assert.equal(statsLine(a), 'Error (busy): Busy.');
});

test('a model step says what the model was sent and which citations were removed', () => {
  assert.equal(promptSummary({ passagesSent: 4, earlierTurns: 1, promptTokensEstimated: 731, invalidCitationsDropped: 1 }),
    'sent 4 passages and 1 earlier turn, about 731 tokens · removed 1 citation naming no passage sent');
  assert.equal(promptSummary({ passagesSent: 1, earlierTurns: 0, promptTokensEstimated: 90, invalidCitationsDropped: 0 }),
    'sent 1 passage, about 90 tokens');
  assert.equal(promptSummary({ model: 'amazon.nova-lite-v1:0', inputTokens: 3 }), '', 'an agent\'s model step says nothing of it');
});

test('a model step counts words for the local agent and tokens for a model', () => {
  assert.equal(modelUsage({ model: 'extractive-composer', inputTokens: 353, outputTokens: 78 }, 'local'),
    'extractive-composer: 353 words in, 78 out');
  assert.equal(modelUsage({ model: 'amazon.nova-lite-v1:0', inputTokens: 1200, outputTokens: 40 }, 'bedrock-rag'),
    'amazon.nova-lite-v1:0: 1200 tokens in, 40 out');
});

test('a guardrail step reads as its action and its reasons, not as a JSON array', () => {
  assert.equal(guardrailLine({ action: 'INTERVENED', reasons: ['content filter: PROMPT_ATTACK (HIGH)', 'blocked word'] }),
    'INTERVENED: content filter: PROMPT_ATTACK (HIGH); blocked word');
  assert.equal(guardrailLine({ action: 'INTERVENED', reasons: [] }), 'INTERVENED');
  assert.equal(guardrailLine({ reasons: 'denied topic: secrets' }), 'denied topic: secrets');
  assert.equal(guardrailLine({}), '');
});
