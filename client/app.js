// The Glassbox page: asks over protocol v1, streams answers as Markdown, shows their traces live,
// stops, reconnects and resumes without losing or repeating text.
import { GAP, applyEvent, createAnswer, isRunning, requestStop, resumeMessages } from './js/answers.js';
import { Connection, webSocketUrl } from './js/connection.js';
import { createAnswerView, updateAnswerView } from './js/view.js';

const KEEP_ALIVE_MS = 5 * 60 * 1000; // API Gateway closes sockets idle for 10 minutes
const SESSION_KEY = 'glassbox.sessionId';

const page = {
  form: document.getElementById('ask-form'),
  question: document.querySelector('[data-role="question"]'),
  send: document.querySelector('[data-role="send"]'),
  stop: document.querySelector('[data-role="stop"]'),
  status: document.querySelector('[data-role="status"]'),
  indicator: document.getElementById('connection'),
  answers: document.getElementById('answers'),
  trace: document.querySelector('[data-role="trace"]'),
  traceList: document.getElementById('trace-answers'),
  traceToggle: document.getElementById('trace-toggle'),
  traceClose: document.getElementById('trace-close'),
  newChat: document.getElementById('new-chat'),
};

const answers = new Map(); // id → { answer, view }
const outbox = [];
let sessionId = sessionStorage.getItem(SESSION_KEY);
let counter = 0;
let renderQueued = new Set();

function announce(message) {
  page.status.textContent = message;
}

function running() {
  return [...answers.values()].filter(({ answer }) => isRunning(answer));
}

function refreshControls() {
  page.stop.disabled = running().length === 0;
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

function send(message) {
  if (!connection.send(message)) outbox.push(message);
}

function ask(text) {
  const id = `q-${Date.now().toString(36)}-${counter++}`;
  const answer = createAnswer(id, text);
  const view = createAnswerView(answer);
  for (const details of page.traceList.querySelectorAll('details')) details.open = false;
  answers.set(id, { answer, view });
  page.answers.append(view.card);
  page.traceList.append(view.section);
  view.card.scrollIntoView({ block: 'end' });
  send(sessionId ? { action: 'ask', id, sessionId, text } : { action: 'ask', id, text });
  announce('Answering…');
  render(id);
}

function stopAll() {
  for (const { answer } of running()) {
    requestStop(answer);
    send({ action: 'cancel', id: answer.id });
    render(answer.id);
  }
  announce('Stopped.');
}

function onEvent(event) {
  if (event.type === 'pong') return;
  const entry = event.id ? answers.get(event.id) : undefined;
  if (!entry) {
    if (event.type === 'error') announce(event.message);
    return;
  }
  const { answer } = entry;
  const wasRunning = isRunning(answer);
  if (applyEvent(answer, event) === GAP) {
    send({ action: 'resume', id: answer.id, sessionId, after: answer.lastSeq });
    return;
  }
  if (event.type === 'start' && event.sessionId) {
    sessionId = event.sessionId;
    sessionStorage.setItem(SESSION_KEY, sessionId);
  }
  if (wasRunning && !isRunning(answer)) {
    announce({ done: 'Answer complete.', stopped: 'Stopped.', error: `Error: ${answer.error?.message}` }[answer.status]);
  }
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

function highlightReference(card, n) {
  const target = document.getElementById(`ref-${card.dataset.answerId}-${n}`);
  if (!target) return;
  target.closest('details').open = true;
  openTrace(true);
  for (const old of page.trace.querySelectorAll('.ref.highlight')) old.classList.remove('highlight');
  target.classList.add('highlight');
  target.scrollIntoView({ block: 'nearest' });
  target.focus({ preventScroll: true });
}

function openTrace(open) {
  page.trace.classList.toggle('open', open);
  page.traceToggle.setAttribute('aria-expanded', String(open));
}

async function copy(answer) {
  try {
    await navigator.clipboard.writeText(answer.text);
    announce('Answer copied.');
  } catch {
    announce('Copying is not allowed here; select the text instead.');
  }
}

function exportJson(answer) {
  const exported = {
    id: answer.id,
    question: answer.question,
    answer: answer.text,
    status: answer.status,
    backend: answer.backend,
    model: answer.model,
    citations: answer.citations,
    trace: answer.steps,
    usage: answer.usage,
    costUsd: answer.costUsd,
    timings: answer.timings,
    stopReason: answer.stopReason,
    error: answer.error,
  };
  const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `glassbox-${answer.id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

page.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = page.question.value.trim();
  if (!text) return;
  ask(text);
  page.question.value = '';
  page.question.focus();
});

page.question.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    page.form.requestSubmit();
  }
});

document.addEventListener('keydown', (e) => {
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
  page.answers.replaceChildren();
  page.traceList.replaceChildren();
  sessionId = null;
  sessionStorage.removeItem(SESSION_KEY);
  announce('New chat.');
  refreshControls();
  page.question.focus();
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
  const citation = e.target.closest('a[href^="#cite-"]');
  if (citation) {
    e.preventDefault();
    highlightReference(card, citation.getAttribute('href').slice('#cite-'.length));
  } else if (e.target.closest('[data-action="copy"]')) {
    copy(entry.answer);
  } else if (e.target.closest('[data-action="export"]')) {
    exportJson(entry.answer);
  }
});

const connection = new Connection(await webSocketUrl(), { onMessage: onEvent, onState: onConnection });
connection.open();
setInterval(() => connection.send({ action: 'ping' }), KEEP_ALIVE_MS);
refreshControls();
page.question.focus();
