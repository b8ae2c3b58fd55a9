// The Glassbox page: asks over protocol v1, streams answers as Markdown, shows their traces live,
// stops, reconnects and resumes without losing or repeating text, and keeps the conversation
// across reloads.
import { GAP, applyEvent, createAnswer, isRunning, requestStop, resumeMessages } from './js/answers.js';
import { Connection, loadConfig } from './js/connection.js';
import { answerMarkdown, conversationJson, conversationMarkdown } from './js/export.js';
import { LOCAL_SOURCES } from './js/sources.js';
import { TranscriptStore } from './js/transcript.js';
import { createAnswerView, updateAnswerView } from './js/view.js';

const KEEP_ALIVE_MS = 5 * 60 * 1000; // API Gateway closes sockets idle for 10 minutes
const SAVE_EVERY_MS = 500; // while an answer streams, the transcript is written at most this often

const page = {
  form: document.getElementById('ask-form'),
  question: document.querySelector('[data-role="question"]'),
  send: document.querySelector('[data-role="send"]'),
  stop: document.querySelector('[data-role="stop"]'),
  status: document.querySelector('[data-role="status"]'),
  indicator: document.getElementById('connection'),
  welcome: document.querySelector('[data-role="welcome"]'),
  repository: document.querySelector('[data-role="repository"]'),
  answers: document.getElementById('answers'),
  tools: document.getElementById('conversation-tools'),
  trace: document.querySelector('[data-role="trace"]'),
  traceList: document.getElementById('trace-answers'),
  traceToggle: document.getElementById('trace-toggle'),
  traceClose: document.getElementById('trace-close'),
  newChat: document.getElementById('new-chat'),
};

const config = await loadConfig();
const sourcesBase = config.sourcesBaseUrl ?? LOCAL_SOURCES;
const transcript = new TranscriptStore(sessionStorage);
const answers = new Map(); // id → { answer, view }
const boxAsks = new Map(); // id → the text the question box held when it was sent; cleared once the server accepts
const outbox = [];
let sessionId = null;
let counter = 0;
let renderQueued = new Set();
let saveTimer = null;
let traceScroll = 0;

function announce(message) {
  page.status.textContent = message;
}

function running() {
  return [...answers.values()].filter(({ answer }) => isRunning(answer));
}

function refreshControls() {
  page.stop.disabled = running().length === 0;
  page.welcome.hidden = answers.size > 0;
  page.tools.hidden = answers.size === 0;
}

function render(id) {
  renderQueued.add(id);
  if (renderQueued.size > 1) return;
  requestAnimationFrame(() => {
    const ids = renderQueued;
    renderQueued = new Set();
    for (const queued of ids) {
      const entry = answers.get(queued);
      if (entry) updateAnswerView(entry.view, entry.answer);
    }
    refreshControls();
  });
}

function saveNow() {
  clearTimeout(saveTimer);
  saveTimer = null;
  transcript.save(sessionId, [...answers.values()].map(({ answer }) => answer));
}

function saveSoon() {
  if (saveTimer === null) saveTimer = setTimeout(saveNow, SAVE_EVERY_MS);
}

function send(message) {
  if (!connection.send(message)) outbox.push(message);
}

function show(answer) {
  const view = createAnswerView(answer, sourcesBase);
  answers.set(answer.id, { answer, view });
  page.answers.append(view.card);
  page.traceList.append(view.section);
  render(answer.id);
  return view;
}

function ask(text) {
  const id = `q-${Date.now().toString(36)}-${counter++}`;
  for (const details of page.traceList.querySelectorAll('details')) details.open = false;
  const view = show(createAnswer(id, text));
  view.card.scrollIntoView({ block: 'end' });
  send(sessionId ? { action: 'ask', id, sessionId, text } : { action: 'ask', id, text });
  announce('Answering…');
  saveNow();
  return id;
}

function forget(id) {
  const entry = answers.get(id);
  if (!entry) return;
  entry.view.card.remove();
  entry.view.section.remove();
  answers.delete(id);
}

function stopAll() {
  for (const { answer } of running()) {
    requestStop(answer);
    send({ action: 'cancel', id: answer.id });
    render(answer.id);
  }
  announce('Stopped.');
  saveNow();
}

function onEvent(event) {
  if (event.type === 'pong') return;
  const entry = event.id ? answers.get(event.id) : undefined;
  if (!entry) {
    if (event.type === 'error') announce(event.message);
    return;
  }
  const { answer } = entry;
  if (event.type === 'feedback' || (event.type === 'error' && event.seq === undefined && !isRunning(answer))) {
    onFeedbackReply(answer, event);
    return;
  }
  const wasRunning = isRunning(answer);
  if (event.type === 'error' && event.seq === undefined && answer.restored) {
    // The server no longer has the answer that ran when the page was reloaded: it can be asked again.
    event = { ...event, retryable: true, message: 'This answer was lost when the page reloaded; retry to ask again.' };
  }
  if (applyEvent(answer, event) === GAP) {
    send({ action: 'resume', id: answer.id, sessionId: answer.sessionId ?? sessionId, after: answer.lastSeq });
    return;
  }
  // Only the server assigns session ids: the conversation goes on under the one its start names.
  if (event.type === 'start' && event.sessionId) sessionId = event.sessionId;
  if (event.type === 'start' || (event.type === 'error' && boxAsks.has(answer.id))) acceptedOrRefused(answer, event);
  if (wasRunning && !isRunning(answer)) {
    announce({ done: 'Answer complete.', stopped: 'Stopped.', error: `Error: ${answer.error?.message}` }[answer.status]);
    saveNow();
  } else {
    saveSoon();
  }
  render(answer.id);
}

/** The question box empties once the server takes the question, and keeps the text when it refuses it. */
function acceptedOrRefused(answer, event) {
  const text = boxAsks.get(answer.id);
  boxAsks.delete(answer.id);
  if (event.type === 'start' && text !== undefined && page.question.value.trim() === text) page.question.value = '';
}

function onFeedbackReply(answer, event) {
  if (!answer.feedback || answer.feedback.state !== 'sending') return;
  answer.feedback = event.type === 'feedback'
    ? { ...answer.feedback, state: 'recorded' }
    : { ...answer.feedback, state: 'failed', message: event.message };
  announce(event.type === 'feedback' ? 'Feedback recorded.' : `Feedback not recorded: ${event.message}`);
  render(answer.id);
  saveNow();
}

function sendFeedback(answer, verdict, comment) {
  answer.feedback = { verdict, comment, state: 'sending' };
  const message = { action: 'feedback', id: answer.id, sessionId: answer.sessionId ?? sessionId, verdict };
  if (comment) message.comment = comment;
  send(message);
  render(answer.id);
}

function onConnection({ state, retryInMs }) {
  page.indicator.dataset.state = state;
  if (state === 'open') {
    announce('Connected.');
    for (const message of resumeMessages([...answers.values()].map((e) => e.answer), sessionId)) {
      connection.send(message);
    }
    while (outbox.length > 0 && connection.send(outbox[0])) outbox.shift();
  } else if (state === 'closed') {
    announce(`Connection lost; reconnecting in ${Math.ceil(retryInMs / 1000)} s.`);
  } else {
    page.status.textContent = page.status.textContent || 'Connecting…';
  }
}

function highlightReference(card, n, { reveal }) {
  const target = document.getElementById(`ref-${card.dataset.answerId}-${n}`);
  if (!target) return;
  target.closest('details').open = true;
  for (const old of page.trace.querySelectorAll('.ref.highlight')) old.classList.remove('highlight');
  target.classList.add('highlight');
  if (!reveal) return;
  openTrace(true);
  target.scrollIntoView({ block: 'nearest' });
  target.focus({ preventScroll: true });
}

function openTrace(open) {
  const wasOpen = page.trace.classList.contains('open');
  if (wasOpen && !open) traceScroll = page.trace.scrollTop;
  page.trace.classList.toggle('open', open);
  page.traceToggle.setAttribute('aria-expanded', String(open));
  // The phone drawer comes back where the visitor left it.
  if (open && !wasOpen) page.trace.scrollTop = traceScroll;
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`${what} copied.`);
  } catch {
    announce('Copying is not allowed here; select the text instead.');
  }
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const exportOptions = { sourcesBase, origin: window.location.href };
const allAnswers = () => [...answers.values()].map(({ answer }) => answer);

page.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = page.question.value.trim();
  if (!text || [...boxAsks.values()].includes(text)) return;
  boxAsks.set(ask(text), text);
  page.question.focus();
});

page.question.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    page.form.requestSubmit();
  }
});

document.addEventListener('keydown', (e) => {
  const typing = e.target.closest?.('input, textarea, select, [contenteditable]');
  if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    page.question.focus();
    return;
  }
  if (e.key !== 'Escape') return;
  if (page.trace.classList.contains('open')) {
    openTrace(false);
    page.traceToggle.focus();
  } else if (running().length > 0) {
    stopAll();
  }
});

page.stop.addEventListener('click', () => {
  stopAll();
  page.question.focus();
});

page.newChat.addEventListener('click', () => {
  stopAll();
  answers.clear();
  boxAsks.clear();
  page.answers.replaceChildren();
  page.traceList.replaceChildren();
  sessionId = null; // the server assigns the new conversation's id in its first start
  transcript.clear();
  announce('New chat.');
  refreshControls();
  page.question.focus();
});

page.welcome.addEventListener('click', (e) => {
  const example = e.target.closest('[data-role="example"]');
  if (!example) return;
  ask(example.textContent.trim());
  page.question.focus();
});

page.tools.addEventListener('click', (e) => {
  const action = e.target.closest('[data-action]')?.dataset.action;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  if (action === 'export-md') {
    download(`glassbox-${stamp}.md`, 'text/markdown', conversationMarkdown(allAnswers(), exportOptions));
  } else if (action === 'export-json') {
    download(`glassbox-${stamp}.json`, 'application/json', conversationJson(allAnswers()));
  }
});

page.traceToggle.addEventListener('click', () => openTrace(!page.trace.classList.contains('open')));
page.traceClose.addEventListener('click', () => {
  openTrace(false);
  page.traceToggle.focus();
});

page.answers.addEventListener('click', (e) => {
  const card = e.target.closest('.card');
  if (!card) return;
  const entry = answers.get(card.dataset.answerId);
  const citation = e.target.closest('a[data-cite]');
  if (citation) {
    // A source link opens the file; a marker whose source has no file shows it in the trace.
    if (citation.dataset.role !== 'source-link') e.preventDefault();
    highlightReference(card, citation.dataset.cite, { reveal: citation.dataset.role !== 'source-link' });
  } else if (e.target.closest('[data-action="copy"]')) {
    copy(answerMarkdown(entry.answer, exportOptions), 'Answer');
  } else if (e.target.closest('[data-role="retry"]')) {
    forget(entry.answer.id);
    ask(entry.answer.question);
  } else if (e.target.closest('[data-role="feedback-up"]')) {
    sendFeedback(entry.answer, 'up', '');
  } else if (e.target.closest('[data-role="feedback-down"]')) {
    sendFeedback(entry.answer, 'down', '');
  }
});

page.answers.addEventListener('submit', (e) => {
  e.preventDefault();
  const entry = answers.get(e.target.closest('.card')?.dataset.answerId);
  const verdict = entry?.answer.feedback?.verdict;
  if (!verdict) return;
  sendFeedback(entry.answer, verdict, e.target.querySelector('[data-role="feedback-comment"]').value.trim());
});

// Pointing at a marker shows which passage it cites, without moving anything.
page.answers.addEventListener('mouseover', (e) => {
  const citation = e.target.closest('a[data-cite]');
  if (citation) highlightReference(citation.closest('.card'), citation.dataset.cite, { reveal: false });
});
page.answers.addEventListener('focusin', (e) => {
  const citation = e.target.closest('a[data-cite]');
  if (citation) highlightReference(citation.closest('.card'), citation.dataset.cite, { reveal: false });
});

window.addEventListener('pagehide', saveNow);

if (config.repositoryUrl) {
  page.repository.href = config.repositoryUrl;
  page.repository.hidden = false;
}

const kept = transcript.load();
sessionId = kept.sessionId;
for (const answer of kept.answers) {
  // A restored running answer is resumed as soon as the connection opens.
  show(isRunning(answer) ? { ...answer, restored: true } : answer);
}
if (kept.answers.length > 0) announce('Conversation restored.');

const connection = new Connection(config.webSocketUrl, { onMessage: onEvent, onState: onConnection });
connection.open();
setInterval(() => connection.send({ action: 'ping' }), KEEP_ALIVE_MS);
refreshControls();
page.question.focus();
