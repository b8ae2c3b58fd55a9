import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askedKinds, compositionSummary, incidentalLine, isQuoted, passageSignals, rankLine, searchedLine } from '../js/agent-steps.js';

test('a composition step reads as its counts', () => {
  assert.equal(compositionSummary({ sentences: 3, words: 57, citations: 3, passages: 2 }),
    '3 sentences · 57 words · 3 citations from 2 passages');
  assert.equal(compositionSummary({ sentences: 1, words: 1, citations: 1, passages: 1 }),
    '1 sentence · 1 word · 1 citation from 1 passage');
  assert.equal(compositionSummary({ sentences: 0, words: 12, citations: 0 }), '0 sentences · 12 words · 0 citations');
  assert.equal(compositionSummary({}), '');
});

test('a judged passage shows its signals, coverage as a share of the key terms', () => {
  assert.equal(passageSignals({ similarity: 0.6234, coverage: 0.4, relevance: 0.71 }),
    'similarity 0.62 · covers 40% of the key terms · relevance 0.71');
  assert.equal(passageSignals({ similarity: 0.3 }), 'similarity 0.30');
  assert.equal(passageSignals({ similarity: '0.3' }), '', 'only numbers are shown as numbers');
});

test('only a verdict that starts with quoted counts as quoted', () => {
  assert.equal(isQuoted('quoted: the best passage'), true);
  assert.equal(isQuoted('not quoted: 3 passages are enough'), false);
  assert.equal(isQuoted(undefined), false);
});

test('a fused row says how the passage ranked by keywords and by meaning', () => {
  assert.equal(rankLine({ bm25Rank: 2, vectorRank: 1, fusedScore: 0.03226 }), 'keywords #2 · meaning #1 · fused 0.0323');
  assert.equal(rankLine({ bm25Rank: null, vectorRank: 4, fusedScore: 0.0156 }),
    'no keyword match · meaning #4 · fused 0.0156');
});

test('a retrieval step says what each ranking searched with', () => {
  assert.equal(searchedLine({ keywordTerms: ['daily', 'budget'], meaningQuery: 'What is the daily budget?' }),
    'keywords: daily, budget · meaning of: “What is the daily budget?”');
  assert.equal(searchedLine({ keywordTerms: [] }), '');
  assert.equal(searchedLine({ meaningQuery: 42 }), '', 'only text is shown as the searched text');
});

test('an understanding step says what kind of answer the question asks for', () => {
  assert.equal(askedKinds({ asksForAmount: true }), 'Asks for an amount: sentences with numbers are preferred');
  assert.equal(askedKinds({ asksForAmount: false, asksWhy: true }),
    'Asks for a reason: sentences that give one are preferred');
  assert.equal(askedKinds({ asksForAmount: true, asksWhy: true }),
    'Asks for an amount and a reason: sentences with numbers and sentences that give one are preferred');
  assert.equal(askedKinds({ asksForAmount: 'yes' }), '', 'only a true flag counts');
});

test('names answered despite are listed, anything else is left out', () => {
  assert.equal(incidentalLine(['ubuntu', 'hardly anything']), 'Not declined for, as they only set the scene: ubuntu, hardly anything');
  assert.equal(incidentalLine([]), '');
  assert.equal(incidentalLine(undefined), '');
  assert.equal(incidentalLine([3]), '');
});
