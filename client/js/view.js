// DOM for answers and their traces. Server text only ever reaches the page through textContent or
// the sanitizing Markdown renderer.
import { references } from './answers.js';
import { linkCitations } from './citations.js';
import { renderMarkdown } from './markdown.js';

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** The answer's card in the conversation and its section in the trace panel. */
export function createAnswerView(answer) {
  const card = el('li', { class: 'card', 'data-answer-id': answer.id });
  const body = el('div', { class: 'answer markdown', 'data-role': 'answer', 'aria-busy': 'true' });
  const stats = el('footer', { class: 'stats', 'data-role': 'stats' });
  const line = el('span', { class: 'stat-line' }, 'waiting for the first words…');
  const actions = el('span', { class: 'actions' });
  actions.append(
    el('button', { type: 'button', class: 'link-button', 'data-action': 'copy' }, 'Copy'),
    el('button', { type: 'button', class: 'link-button', 'data-action': 'export' }, 'Export JSON'),
  );
  stats.append(line, actions);
  card.append(el('p', { class: 'question' }, answer.question), body, stats);

  const section = el('li', { class: 'trace-answer', 'data-answer-id': answer.id });
  const details = el('details', { open: '' });
  details.append(el('summary', {}, answer.question), el('ol', { class: 'timeline' }));
  section.append(details);
  return { card, body, line, section, details, timeline: details.querySelector('ol'), renderedSteps: 0 };
}

/** Brings the card and the trace section up to date with the answer's state. */
export function updateAnswerView(view, answer) {
  while (view.renderedSteps < answer.steps.length) {
    const step = answer.steps[view.renderedSteps];
    const before = references({ steps: answer.steps.slice(0, view.renderedSteps) }).length;
    view.timeline.append(stepView(step, answer.id, before));
    view.renderedSteps += 1;
  }
  view.body.innerHTML = renderMarkdown(linkCitations(answer.text, answer.citations, references(answer)));
  const running = answer.status === 'pending' || answer.status === 'streaming';
  view.body.setAttribute('aria-busy', String(running));
  view.card.dataset.status = answer.status;
  view.line.textContent = statsLine(answer);
  view.line.title = answer.pricesAsOf ? `cost at prices as of ${answer.pricesAsOf}` : '';
}

function statsLine(answer) {
  if (answer.status === 'error') return `Error (${answer.error.code}): ${answer.error.message}`;
  const parts = [];
  if (answer.status === 'stopped') parts.push('Stopped');
  if (answer.timings) {
    parts.push(`first token ${answer.timings.firstTokenMs ?? '–'} ms`, `total ${answer.timings.totalMs} ms`);
  }
  if (answer.usage) parts.push(`${answer.usage.inputTokens} in / ${answer.usage.outputTokens} out tokens`);
  if (answer.timings) parts.push(answer.costUsd === null ? 'cost unknown' : `$${answer.costUsd.toFixed(6)}`);
  if (parts.length === 0) return answer.status === 'stopped' ? 'Stopped' : 'answering…';
  return parts.join(' · ');
}

function stepView(step, answerId, referencesBefore) {
  const item = el('li', { class: 'step', 'data-role': 'trace-step', 'data-kind': String(step.kind) });
  const head = el('div', { class: 'step-head' });
  head.append(el('span', { class: 'kind' }, step.kind), el('span', { class: 'title' }, step.title));
  item.append(head);
  const timing = [`+${step.t} ms`];
  if (typeof step.durationMs === 'number') timing.push(`took ${step.durationMs} ms`);
  item.append(el('div', { class: 'meta' }, timing.join(' · ')));
  switch (step.kind) {
    case 'retrieval':
      item.append(el('p', { class: 'detail' }, `Query: ${step.query ?? ''}`), referenceList(step, answerId, referencesBefore));
      break;
    case 'model':
      item.append(el('p', { class: 'detail' },
        `${step.model ?? 'model'}: ${step.inputTokens ?? 0} tokens in, ${step.outputTokens ?? 0} out`));
      break;
    case 'tool':
      if (step.input !== undefined) item.append(el('p', { class: 'detail' }, `Input: ${text(step.input)}`));
      if (step.output !== undefined) item.append(el('p', { class: 'detail' }, `Output: ${text(step.output)}`));
      break;
    case 'guardrail':
      item.append(el('p', { class: 'detail' }, [step.action, text(step.reasons)].filter(Boolean).join(': ')));
      break;
    default:
      if (step.text !== undefined) item.append(el('p', { class: 'detail' }, text(step.text)));
      if (step.message !== undefined) item.append(el('p', { class: 'detail' }, text(step.message)));
      break;
  }
  return item;
}

function referenceList(step, answerId, before) {
  const list = el('ol', { class: 'refs' });
  (step.references || []).forEach((ref, i) => {
    const n = before + i + 1;
    const card = el('li', { class: 'ref', id: `ref-${answerId}-${n}`, tabindex: '-1' });
    const head = el('div', { class: 'ref-head' });
    head.append(el('span', { class: 'ref-n' }, `[${n}]`), el('code', { class: 'source' }, ref.source),
      el('span', { class: 'heading' }, ref.title));
    card.append(head);
    if (typeof ref.score === 'number') {
      const score = el('div', { class: 'score' });
      score.append(el('meter', { min: '0', max: '1', value: String(Math.max(0, Math.min(1, ref.score))) }),
        el('span', {}, ref.score.toFixed(2)));
      card.append(score);
    }
    card.append(el('p', { class: 'excerpt' }, ref.excerpt));
    list.append(card);
  });
  return list;
}

function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
