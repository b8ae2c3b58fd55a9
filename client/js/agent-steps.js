// The local agent's own trace steps, shown for what they say: how it read the question
// (understanding), how it ranked the passages (retrieval's rankings), which passages and sentences
// it chose or left out and why (selection), what it composed (composition), and why it declined
// (decline). Fields are read defensively: a step that
// lacks one shows less, never breaks the panel. The summaries are pure, tested with node --test.
import { collapsible, el, text } from './dom.js';

const SENTENCE_PREVIEW_CHARS = 240;

/** "3 sentences · 57 words · 3 citations from 2 passages", from a composition step's counts. */
export function compositionSummary(step) {
  const parts = [count(step.sentences, 'sentence'), count(step.words, 'word'), count(step.citations, 'citation')]
    .filter(Boolean);
  const from = typeof step.passages === 'number' ? ` from ${count(step.passages, 'passage')}` : '';
  return parts.length === 0 ? '' : parts.join(' · ') + from;
}

/** "similarity 0.62 · covers 40% of the key terms · relevance 0.71", from a judged passage. */
export function passageSignals(passage) {
  const parts = [];
  if (typeof passage.similarity === 'number') parts.push(`similarity ${passage.similarity.toFixed(2)}`);
  if (typeof passage.coverage === 'number') parts.push(`covers ${Math.round(passage.coverage * 100)}% of the key terms`);
  if (typeof passage.relevance === 'number') parts.push(`relevance ${passage.relevance.toFixed(2)}`);
  return parts.join(' · ');
}

/** Whether a passage's verdict says it was quoted ("quoted: …") or not. */
export function isQuoted(verdict) {
  return typeof verdict === 'string' && verdict.startsWith('quoted');
}

/** "keywords #2 · meaning #1 · fused 0.0323": how one passage ranked, from a fused-order row. */
export function rankLine(row) {
  const parts = [];
  parts.push(typeof row.bm25Rank === 'number' ? `keywords #${row.bm25Rank}` : 'no keyword match');
  if (typeof row.vectorRank === 'number') parts.push(`meaning #${row.vectorRank}`);
  if (typeof row.fusedScore === 'number') parts.push(`fused ${row.fusedScore.toFixed(4)}`);
  return parts.join(' · ');
}

function count(n, noun) {
  return typeof n === 'number' ? `${n} ${noun}${n === 1 ? '' : 's'}` : '';
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

/**
 * Renders a step of the local agent's own kinds into {@code content}; returns the names of the
 * fields it showed, or null for any other kind (shown generically).
 */
export function agentStepView(step, content) {
  switch (step.kind) {
    case 'understanding': return understanding(step, content);
    case 'selection': return selection(step, content);
    case 'composition': return composition(step, content);
    case 'decline': return decline(step, content);
    default: return null;
  }
}

/**
 * The local agent's rankings behind a retrieval step, behind a toggle: the fused order with each
 * passage's keyword (BM25) and meaning (vector) ranks, and the two rankings it fused. Returns the
 * fields shown; none when the step has no rankings (other backends).
 */
export function rankingsView(step, content) {
  const fused = list(step.fused);
  const bm25 = list(step.bm25);
  const vector = list(step.vector);
  if (fused.length + bm25.length + vector.length === 0) return [];
  const more = el('details', { class: 'rankings', 'data-role': 'rankings' });
  more.append(el('summary', {}, 'How the passages were ranked'));
  const searched = searchedLine(step);
  if (searched !== '') more.append(el('p', { class: 'detail meta', 'data-role': 'searched-for' }, searched));
  if (fused.length > 0) {
    more.append(el('p', { class: 'detail meta' }, 'Fused order (reciprocal rank of both rankings):'));
    const rows = el('ol', { class: 'sentences' });
    for (const row of fused) {
      const item = el('li', { 'data-role': 'fused-rank' });
      item.append(el('span', { class: 'ref-n' }, `[${text(row.reference ?? '?')}] `),
        el('code', { class: 'source' }, text(row.source ?? '')), ` ${text(row.title ?? '')}`,
        el('p', { class: 'detail meta' }, rankLine(row)));
      rows.append(item);
    }
    more.append(rows);
  }
  for (const [name, ranking] of [['By keywords (BM25)', bm25], ['By meaning (vectors)', vector]]) {
    if (ranking.length === 0) continue;
    more.append(el('p', { class: 'detail meta' }, `${name}:`));
    const rows = el('ol', { class: 'ranking' });
    ranking.forEach((row) => rows.append(el('li', {}, `${text(row.source ?? '')} ${text(row.title ?? '')}`)));
    more.append(rows);
  }
  const followedOn = list(step.meaningAlsoOf);
  if (followedOn.length > 0) {
    more.append(el('p', { class: 'detail meta' },
      'Ranked by meaning together with what the previous answer quoted:'));
    const rows = el('ul', { class: 'ranking', 'data-role': 'followed-on' });
    followedOn.forEach((row) => rows.append(el('li', {}, `${text(row.source ?? '')} ${text(row.title ?? '')}`)));
    more.append(rows);
  }
  content.append(more);
  return ['keywordTerms', 'meaningQuery', 'meaningAlsoOf', 'fused', 'bm25', 'vector'];
}

/** What each ranking searched with: the words the keyword search read and the text ranked by meaning. */
export function searchedLine(step) {
  const parts = [];
  const terms = list(step.keywordTerms).map(text).filter((term) => term !== '');
  if (terms.length > 0) parts.push(`keywords: ${terms.join(', ')}`);
  if (typeof step.meaningQuery === 'string' && step.meaningQuery !== '') parts.push(`meaning of: “${step.meaningQuery}”`);
  return parts.join(' · ');
}

function understanding(step, content) {
  if (step.intent === undefined || step.intent === 'question') {
    content.append(el('p', { class: 'detail', 'data-role': 'standalone-query' },
      `Searched for: ${text(step.standaloneQuery ?? step.query ?? '')}`));
  } else {
    content.append(el('p', { class: 'detail', 'data-role': 'intent' },
      step.intent === 'instruction' ? 'Read as instructions to the agent, not a question: nothing searched'
        : `Read as ${step.intent === 'thanks' ? 'thanks' : `a ${text(step.intent)}`}: answered without a search`));
  }
  if (step.followUp === true) {
    content.append(el('p', { class: 'detail meta', 'data-role': 'follow-up' },
      `A follow-up, rewritten to stand alone; you asked: ${text(step.query ?? '')}`));
  }
  const meant = list(step.meant).map(text);
  if (meant.length > 0) {
    content.append(el('p', { class: 'detail meta', 'data-role': 'meant' },
      `What “it” stands for, from the previous answer: ${meant.join(', ')}`));
  }
  // The visitor's own words when the step names them; the terms are their stems ("googl"), which read as typos.
  const keyWords = list(step.keyWords).map(text);
  const terms = list(step.terms).map(text);
  const chipped = keyWords.length > 0 ? keyWords : terms;
  if (chipped.length > 0) {
    const chips = el('ul', { class: 'chips', 'data-role': 'terms', 'aria-label': 'key terms' });
    chipped.forEach((word) => chips.append(el('li', {}, word)));
    content.append(el('p', { class: 'detail meta' }, 'Key terms:'), chips);
  }
  if (keyWords.length > 0 && terms.some((term) => !keyWords.includes(term))) {
    content.append(el('p', { class: 'detail meta', 'data-role': 'stems' },
      `Matched in the index by their stems: ${terms.join(', ')}`));
  }
  // The deed reads after "Asks": "how to rename a session", "about home", "who built it".
  if (typeof step.deed === 'string' && step.deed !== '') {
    content.append(el('p', { class: 'detail meta', 'data-role': 'deed' },
      `Asks ${step.deed}: only a passage that speaks of that answers`));
  }
  const kinds = askedKinds(step);
  if (kinds !== '') content.append(el('p', { class: 'detail meta', 'data-role': 'asks-for' }, kinds));
  unknownNames(step, content);
  return ['query', 'standaloneQuery', 'followUp', 'intent', 'meant', 'keyWords', 'terms', 'deed', 'asksForAmount',
    'asksWhy', 'unknownNames'];
}

/** What kind of answer the question asks for, as the composer reads it; empty when it asks for neither. */
export function askedKinds(step) {
  const kinds = [];
  if (step.asksForAmount === true) kinds.push(['an amount', 'sentences with numbers']);
  if (step.asksWhy === true) kinds.push(['a reason', 'sentences that give one']);
  if (kinds.length === 0) return '';
  return `Asks for ${kinds.map((k) => k[0]).join(' and ')}: ${kinds.map((k) => k[1]).join(' and ')} are preferred`;
}

function unknownNames(step, content) {
  const names = list(step.unknownNames);
  if (names.length > 0) {
    content.append(el('p', { class: 'detail warn', 'data-role': 'unknown-names' },
      `Names the knowledge base never mentions: ${names.map(text).join(', ')}`));
  }
}

/** The names the knowledge base never mentions that the agent answered despite, as they only set the scene. */
export function incidentalLine(names) {
  const shown = list(names).filter((name) => typeof name === 'string');
  return shown.length === 0 ? '' : `Not declined for, as they only set the scene: ${shown.join(', ')}`;
}

function selection(step, content) {
  const incidental = incidentalLine(step.incidentalNames);
  if (incidental !== '') content.append(el('p', { class: 'detail meta', 'data-role': 'incidental-names' }, incidental));
  passageTable(step, content);
  const chosen = list(step.chosen);
  if (chosen.length > 0) {
    content.append(el('p', { class: 'detail meta' }, 'Quoted, in this order:'), sentenceList(chosen, 'chosen-sentence'));
  }
  const rejected = list(step.rejected);
  if (rejected.length > 0) {
    const more = el('details', { class: 'left-out' });
    more.append(el('summary', {}, `Left out: ${count(rejected.length, 'sentence')}`),
      sentenceList(rejected, 'rejected-sentence'));
    content.append(more);
  }
  return ['incidentalNames', 'passages', 'chosen', 'rejected'];
}

/** Every passage the agent judged: its [n], file and heading, its signals and the verdict. */
function passageTable(step, content) {
  const passages = list(step.passages);
  if (passages.length === 0) return;
  const rows = el('ol', { class: 'judged', 'aria-label': 'passages judged' });
  for (const passage of passages) {
    const quoted = isQuoted(passage.verdict);
    const row = el('li', { 'data-role': 'passage-verdict', 'data-quoted': String(quoted) });
    const head = el('div', { class: 'ref-head' });
    head.append(el('span', { class: 'ref-n' }, `[${text(passage.reference ?? '?')}]`),
      el('code', { class: 'source' }, text(passage.source ?? '')), el('span', { class: 'heading' }, text(passage.title ?? '')));
    row.append(head, el('p', { class: 'detail meta' }, passageSignals(passage)),
      el('p', { class: quoted ? 'detail verdict' : 'detail verdict muted' }, text(passage.verdict ?? '')));
    rows.append(row);
  }
  content.append(rows);
}

function sentenceList(sentences, role) {
  const items = el('ol', { class: 'sentences' });
  for (const sentence of sentences) {
    const item = el('li', { 'data-role': role });
    const quote = collapsible('q', text(sentence.text ?? ''), SENTENCE_PREVIEW_CHARS);
    item.append(el('span', { class: 'ref-n' }, `[${text(sentence.reference ?? '?')}] `), quote);
    const why = [sentence.why ? text(sentence.why) : '',
      typeof sentence.score === 'number' ? `score ${sentence.score.toFixed(2)}` : ''].filter(Boolean).join(' · ');
    if (why) item.append(el('p', { class: 'detail meta' }, why));
    items.append(item);
  }
  return items;
}

function composition(step, content) {
  content.append(el('p', { class: 'detail', 'data-role': 'composition-summary' }, compositionSummary(step)));
  for (const field of ['order', 'note']) {
    if (typeof step[field] === 'string') content.append(el('p', { class: 'detail meta' }, step[field]));
  }
  return ['sentences', 'words', 'citations', 'passages', 'order', 'note'];
}

function decline(step, content) {
  content.append(el('p', { class: 'detail', 'data-role': 'decline-reason' }, `Why: ${text(step.reason ?? 'not given')}`));
  content.append(el('p', { class: 'detail meta' }, typeof step.searched === 'string'
    ? `Searched for: ${step.searched}` : 'Nothing was searched'));
  unknownNames(step, content);
  passageTable(step, content);
  return ['reason', 'searched', 'unknownNames', 'passages'];
}
