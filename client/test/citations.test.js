import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkCitations, referenceNumbers } from '../js/citations.js';

const refs = [
  { source: 'costs.md', title: 'Costs', uri: 'knowledge/costs.md' },
  { source: 'architecture.md', title: 'Architecture › Parts', uri: 'knowledge/architecture.md#parts' },
];

test('a citation is numbered by its references among the retrieved ones', () => {
  assert.deepEqual(referenceNumbers({ references: [refs[1]] }, refs), [2]);
  assert.deepEqual(referenceNumbers({ references: [{ source: 'costs.md', title: 'Costs' }] }, refs), [1]);
  assert.deepEqual(referenceNumbers({ references: [refs[1], { uri: 'elsewhere' }, refs[0]] }, refs), [2, 1]);
  assert.deepEqual(referenceNumbers({ references: [{ uri: 'elsewhere' }] }, refs), []);
  assert.deepEqual(referenceNumbers({ references: [] }, refs), []);
});

test('a citation naming several sources links each of them', () => {
  const citations = [{ span: { start: 0, end: 10 }, references: [refs[0], refs[1]] }];
  assert.equal(linkCitations('It is free. More.', citations, refs),
    'It is free [\\[1\\]](#cite-1)[\\[2\\]](#cite-2). More.');
});

test('existing [n] markers become links', () => {
  const text = 'It is free. [1] It has parts. [2]';
  const citations = [
    { span: { start: 0, end: 11 }, references: [refs[0]] },
    { span: { start: 16, end: 29 }, references: [refs[1]] },
  ];
  assert.equal(linkCitations(text, citations, refs),
    'It is free. [\\[1\\]](#cite-1) It has parts. [\\[2\\]](#cite-2)');
});

test('markers are inserted where the text has none', () => {
  const citations = [{ span: { start: 0, end: 11 }, references: [refs[1]] }];
  assert.equal(linkCitations('It is free. More.', citations, refs), 'It is free. [\\[2\\]](#cite-2) More.');
});

test('citations outside the text or without a known reference are left out', () => {
  const citations = [
    { span: { start: 0, end: 99 }, references: [refs[0]] },
    { span: { start: 0, end: 2 }, references: [{ uri: 'unknown' }] },
  ];
  assert.equal(linkCitations('Short.', citations, refs), 'Short.');
});

test('markers side by side each become their own link', () => {
  const text = 'It is free [1][2]. Small.';
  const citations = [
    { span: { start: 0, end: 10 }, references: [refs[0]] },
    { span: { start: 0, end: 10 }, references: [refs[1]] },
  ];
  assert.equal(linkCitations(text, citations, refs),
    'It is free [\\[1\\]](#cite-1)[\\[2\\]](#cite-2). Small.');
});

test('citations of the same text without markers are inserted in their order', () => {
  const citations = [
    { span: { start: 0, end: 10 }, references: [refs[1]] },
    { span: { start: 0, end: 10 }, references: [refs[0]] },
  ];
  assert.equal(linkCitations('It is free. More.', citations, refs),
    'It is free [\\[2\\]](#cite-2)[\\[1\\]](#cite-1). More.');
});
