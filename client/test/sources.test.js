import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceHref } from '../js/sources.js';
import { byStart, insertionIndex } from '../js/order.js';

test('a local passage links to the rendered file at its heading', () => {
  assert.equal(sourceHref({ source: 'costs.md', uri: 'knowledge/costs.md#idle-monthly-cost' }),
    '/knowledge/costs.md#idle-monthly-cost');
  assert.equal(sourceHref({ source: 'costs.md', uri: 'knowledge/costs.md' }), '/knowledge/costs.md');
});

test('a cloud passage links under the configured base URL', () => {
  assert.equal(sourceHref({ source: 'knowledge/costs.md', uri: 's3://bucket/knowledge/costs.md' },
    'https://github.com/o/r/blob/main/knowledge'), 'https://github.com/o/r/blob/main/knowledge/costs.md');
});

test('names are encoded and nothing but a Markdown file inside the folder is linked', () => {
  assert.equal(sourceHref({ source: 'a b/c?.md', uri: 'knowledge/a b/c?.md#x"y' }), '/knowledge/a%20b/c%3F.md#x%22y');
  assert.equal(sourceHref({ source: '../secret.md' }), null);
  assert.equal(sourceHref({ source: 'notes.txt' }), null);
  assert.equal(sourceHref({ source: 'unknown' }), null);
  assert.equal(sourceHref({}), null);
});

test('steps are ordered by their start offset, ties and unknown offsets keep their order', () => {
  const steps = [{ kind: 'model', t: 40 }, { kind: 'retrieval', t: 2 }, { kind: 'x' }, { kind: 'reasoning', t: 2 }];
  assert.deepEqual(byStart(steps).map((s) => s.kind), ['retrieval', 'reasoning', 'model', 'x']);
  assert.equal(insertionIndex([2, 40], 5), 1);
  assert.equal(insertionIndex([2, 40], 40), 2);
  assert.equal(insertionIndex([2, 40], undefined), 2);
  assert.equal(insertionIndex([], 3), 0);
});

test('heading anchors match the ones the agent links to', async () => {
  const { headingAnchors } = await import('../js/anchors.js');
  assert.deepEqual(headingAnchors(['Idle monthly cost', 'Protocol v1', 'Vert.x and reactive code', 'Notes', 'Notes']),
    ['idle-monthly-cost', 'protocol-v1', 'vertx-and-reactive-code', 'notes', 'notes-1']);
});
