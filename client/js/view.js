// DOM for answers and their traces. Server text only ever reaches the page through textContent or
// the sanitizing Markdown renderer; links are built here from encoded file names.
import { agentStepView, rankingsView } from './agent-steps.js';
import { isRunning, references } from './answers.js';
import { linkCitations } from './citations.js';
import { collapsible, el, readable, text } from './dom.js';
import { guardrailLine, modelUsage, promptSummary, statsLine } from './format.js';
import { renderMarkdown } from './markdown.js';
import { insertionIndex } from './order.js';
import { sourceHref } from './sources.js';

const EXCERPT_PREVIEW_CHARS = 220;
const FIELD_PREVIEW_CHARS = 300;
// Fields a step's own rendering already shows; the rest are listed as they come.
const SHOWN = new Set(['kind', 'title', 't', 'durationMs']);

/** The answer's card in the conversation and its section in the trace panel. */
export function createAnswerView(answer, sourcesBase) {
  const card = el('li', { class: 'card', 'data-answer-id': answer.id });
  const body = el('div', { class: 'answer markdown', 'data-role': 'answer', 'aria-busy': 'true' });
  const stats = el('footer', { class: 'stats', 'data-role': 'stats' });
  const line = el('span', { class: 'stat-line' }, 'waiting for the first words…');
  const actions = el('span', { class: 'actions' });
  const retry = el('button', { type: 'button', class: 'secondary', 'data-role': 'retry', hidden: '' }, 'Retry');
  actions.append(retry,
    el('button', { type: 'button', class: 'link-button', 'data-action': 'copy' }, 'Copy as Markdown'));
  stats.append(line, actions);
  const feedback = feedbackView(answer.id);
  card.append(el('p', { class: 'question' }, answer.question), body, stats, feedback.group);

  const section = el('li', { class: 'trace-answer', 'data-answer-id': answer.id });
  const details = el('details', { open: '' });
  details.append(el('summary', {}, answer.question), el('ol', { class: 'timeline' }));
  section.append(details);
  return {
    card, body, line, retry, feedback, section, details, sourcesBase,
    timeline: details.querySelector('ol'), renderedSteps: 0, offsets: [],
  };
}

/** Brings the card and the trace section up to date with the answer's state. */
export function updateAnswerView(view, answer) {
  while (view.renderedSteps < answer.steps.length) {
    const step = answer.steps[view.renderedSteps];
    const before = references({ steps: answer.steps.slice(0, view.renderedSteps) }).length;
    const at = insertionIndex(view.offsets, step.t);
    view.timeline.insertBefore(stepView(step, answer, before, view.sourcesBase), view.timeline.children[at] ?? null);
    view.offsets.splice(at, 0, typeof step.t === 'number' ? step.t : Number.POSITIVE_INFINITY);
    view.renderedSteps += 1;
  }
  const refs = references(answer);
  view.body.innerHTML = renderMarkdown(linkCitations(answer.text, answer.citations, refs));
  linkSources(view.body, refs, view.sourcesBase);
  const running = isRunning(answer);
  view.body.setAttribute('aria-busy', String(running));
  view.card.dataset.status = answer.status;
  view.line.textContent = statsLine(answer);
  view.line.title = answer.pricesAsOf ? `cost at prices as of ${answer.pricesAsOf}` : '';
  view.retry.hidden = !(answer.status === 'error' && answer.error?.retryable);
  updateFeedbackView(view.feedback, answer);
}

/** Each [n] in the answer opens its source file at the heading, in a new tab. */
function linkSources(body, refs, base) {
  for (const link of body.querySelectorAll('a[href^="#cite-"]')) {
    const n = Number(link.getAttribute('href').slice('#cite-'.length));
    const ref = refs[n - 1];
    const href = ref ? sourceHref(ref, base) : null;
    link.dataset.cite = String(n);
    if (!href) continue;
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.dataset.role = 'source-link';
    link.setAttribute('aria-label', `Source ${n}: ${ref.source}${ref.title ? ` — ${ref.title}` : ''}`);
  }
}

function feedbackView(answerId) {
  const group = el('div', { class: 'feedback', role: 'group', 'aria-label': 'Was this answer useful?', hidden: '' });
  const up = el('button', { type: 'button', class: 'secondary thumb', 'data-role': 'feedback-up', 'aria-pressed': 'false' },
    'Helpful');
  const down = el('button', {
    type: 'button', class: 'secondary thumb', 'data-role': 'feedback-down', 'aria-pressed': 'false',
  }, 'Not helpful');
  const form = el('form', { class: 'feedback-comment', hidden: '' });
  const inputId = `comment-${answerId}`;
  const label = el('label', { for: inputId, class: 'visually-hidden' }, 'A short comment for the owner (optional)');
  const input = el('input', {
    id: inputId, type: 'text', maxlength: '500', 'data-role': 'feedback-comment',
    placeholder: 'What was wrong or missing? (optional)',
  });
  form.append(label, input, el('button', { type: 'submit', class: 'secondary', 'data-role': 'feedback-send' }, 'Send'));
  const status = el('span', { class: 'feedback-status', 'data-role': 'feedback-status' });
  group.append(up, down, form, status);
  return { group, up, down, form, input, status };
}

function updateFeedbackView(view, answer) {
  view.group.hidden = answer.status !== 'done';
  const verdict = answer.feedback?.verdict;
  view.up.setAttribute('aria-pressed', String(verdict === 'up'));
  view.down.setAttribute('aria-pressed', String(verdict === 'down'));
  view.form.hidden = !verdict;
  const state = answer.feedback?.state;
  view.status.textContent = state === 'recorded' ? (answer.feedback.comment ? 'Thanks, comment sent.' : 'Thanks, noted.')
    : state === 'failed' ? `Not recorded: ${answer.feedback.message}` : state === 'sending' ? 'Sending…' : '';
}

function stepView(step, answer, referencesBefore, sourcesBase) {
  const item = el('li', { class: 'step', 'data-role': 'trace-step', 'data-kind': String(step.kind) });
  const timing = el('div', { class: 'timing' });
  timing.append(el('span', { class: 'offset', title: 'started after the question' }, `+${step.t ?? '–'} ms`));
  if (typeof step.durationMs === 'number') {
    timing.append(el('span', { class: 'duration' }, `took ${step.durationMs} ms`));
  }
  const content = el('div', { class: 'step-body' });
  const head = el('div', { class: 'step-head' });
  head.append(el('span', { class: 'kind' }, step.kind), el('span', { class: 'title' }, step.title));
  content.append(head);
  const shown = new Set(SHOWN);
  switch (step.kind) {
    case 'retrieval':
      content.append(el('p', { class: 'detail' }, `Query: ${step.query ?? ''}`),
        referenceList(step, answer.id, referencesBefore, sourcesBase));
      ['query', 'references', ...rankingsView(step, content)].forEach((f) => shown.add(f));
      break;
    case 'model':
      content.append(el('p', { class: 'detail', 'data-role': 'model-usage' }, modelUsage(step, answer.backend)));
      if (promptSummary(step) !== '') {
        content.append(el('p', { class: 'detail meta', 'data-role': 'prompt-summary' }, promptSummary(step)));
      }
      ['model', 'inputTokens', 'outputTokens', 'passagesSent', 'earlierTurns', 'promptTokensEstimated',
        'invalidCitationsDropped'].forEach((f) => shown.add(f));
      break;
    case 'guardrail':
      content.append(el('p', { class: 'detail', 'data-role': 'guardrail-reasons' }, guardrailLine(step)));
      ['action', 'reasons'].forEach((f) => shown.add(f));
      break;
    default: {
      const agentFields = agentStepView(step, content);
      if (agentFields) {
        agentFields.forEach((f) => shown.add(f));
        break;
      }
      for (const field of ['text', 'message']) {
        if (step[field] === undefined) continue;
        content.append(collapsible('p', readable(step[field]), FIELD_PREVIEW_CHARS * 2, 'detail'));
        shown.add(field);
      }
      break;
    }
  }
  const fields = Object.entries(step).filter(([name, value]) => !shown.has(name) && value !== undefined && value !== null);
  if (fields.length > 0) content.append(fieldList(fields));
  item.append(timing, content);
  return item;
}

/** Any other field, named and shown as text: new step kinds appear without a page release. */
function fieldList(fields) {
  const list = el('dl', { class: 'fields' });
  for (const [name, value] of fields) {
    list.append(el('dt', {}, name), collapsible('dd', readable(value), FIELD_PREVIEW_CHARS));
  }
  return list;
}

function referenceList(step, answerId, before, sourcesBase) {
  const list = el('ol', { class: 'refs' });
  (step.references || []).forEach((ref, i) => {
    const n = before + i + 1;
    const card = el('li', { class: 'ref', id: `ref-${answerId}-${n}`, tabindex: '-1' });
    const head = el('div', { class: 'ref-head' });
    const href = sourceHref(ref, sourcesBase);
    const source = href
      ? el('a', { class: 'source', href, target: '_blank', rel: 'noopener noreferrer', 'data-role': 'source-link' })
      : el('code', { class: 'source' });
    source.textContent = ref.source;
    head.append(el('span', { class: 'ref-n' }, `[${n}]`), source, el('span', { class: 'heading' }, ref.title));
    card.append(head);
    if (typeof ref.score === 'number') {
      const score = el('div', { class: 'score' });
      score.append(el('meter', {
        min: '0', max: '1', value: String(Math.max(0, Math.min(1, ref.score))), 'aria-label': `score of [${n}]`,
      }), el('span', {}, ref.score.toFixed(2)));
      card.append(score);
    }
    card.append(collapsible('p', ref.excerpt ?? '', EXCERPT_PREVIEW_CHARS, 'excerpt'));
    list.append(card);
  });
  return list;
}
