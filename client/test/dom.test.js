import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readable } from '../js/dom.js';

test('a field of any shape reads as text, never as raw JSON', () => {
  assert.equal(readable('Nova Lite'), 'Nova Lite');
  assert.equal(readable(true), 'yes');
  assert.equal(readable(false), 'no');
  assert.equal(readable(0.25), '0.25');
  assert.equal(readable(['google', 'aws']), 'google, aws');
  assert.equal(readable([]), '');
  assert.equal(readable({ verb: 'rename', object: 'a session', terms: ['renam', 'session'] }),
    'verb: rename · object: a session · terms: (renam, session)');
  assert.equal(readable([{ rank: 1, source: 'costs.md' }, { rank: 2, source: 'faq.md', title: null }]),
    'rank: 1 · source: costs.md\nrank: 2 · source: faq.md');
  assert.equal(readable(null), '');
});
