// Glassbox page: asks over protocol v1 and renders the streamed answer and its trace.
// All server text is untrusted: it is only ever set through textContent.

const answersList = document.getElementById('answers');
const traceList = document.getElementById('trace-steps');
const form = document.getElementById('ask-form');
const question = document.querySelector('[data-role="question"]');
const stopButton = document.querySelector('[data-role="stop"]');
const status = document.querySelector('[data-role="status"]');

const answers = new Map(); // id -> { body, stats, lastSeq, running }
let socket = null;
let retryDelay = 500;
let counter = 0;
let sessionId = sessionStorage.getItem('glassbox.sessionId');

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function webSocketUrl() {
  let path = '/ws';
  try {
    const config = await (await fetch('config.json', { cache: 'no-store' })).json();
    if (config.webSocketUrl) path = config.webSocketUrl;
  } catch (e) {
    // no config: same origin
  }
  const url = new URL(path, location.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString();
}

async function connect() {
  status.textContent = 'connecting…';
  socket = new WebSocket(await webSocketUrl());
  socket.addEventListener('open', () => {
    status.textContent = 'connected';
    retryDelay = 500;
    for (const [id, answer] of answers) {
      if (answer.running) send({ action: 'resume', id, sessionId, after: answer.lastSeq });
    }
  });
  socket.addEventListener('message', (message) => handle(JSON.parse(message.data)));
  socket.addEventListener('close', () => {
    status.textContent = `disconnected; retrying in ${Math.round(retryDelay / 100) / 10} s`;
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  });
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function ask(text) {
  const id = `q${Date.now().toString(36)}${counter++}`;
  const item = element('li');
  item.append(element('p', 'question', text));
  const body = element('p', 'answer');
  body.dataset.role = 'answer';
  const stats = element('div', 'stats');
  stats.dataset.role = 'stats';
  item.append(body, stats);
  answersList.append(item);
  answers.set(id, { body, stats, lastSeq: -1, running: true });
  traceList.replaceChildren();
  send(sessionId ? { action: 'ask', id, sessionId, text } : { action: 'ask', id, text });
  stopButton.disabled = false;
  stopButton.dataset.id = id;
}

function handle(event) {
  const answer = event.id ? answers.get(event.id) : null;
  if (answer && event.seq !== undefined) {
    if (event.seq <= answer.lastSeq) return; // replayed after a reconnect: already shown
    answer.lastSeq = event.seq;
  }
  switch (event.type) {
    case 'start':
      sessionId = event.sessionId;
      sessionStorage.setItem('glassbox.sessionId', sessionId);
      status.textContent = 'answering…';
      break;
    case 'token':
      if (answer) answer.body.textContent += event.text;
      break;
    case 'trace':
      traceList.append(step(event.step));
      break;
    case 'done':
      if (answer) finish(answer, event);
      break;
    case 'error':
      if (answer) {
        answer.running = false;
        answer.stats.append(element('span', 'error', `${event.code}: ${event.message}`));
      } else {
        status.textContent = `${event.code}: ${event.message}`;
      }
      stopButton.disabled = true;
      break;
    default:
      break;
  }
}

function finish(answer, done) {
  answer.running = false;
  if (typeof done.text === 'string') answer.body.textContent = done.text;
  const t = done.timings;
  const cost = done.costUsd === null ? 'unknown' : `$${done.costUsd.toFixed(6)}`;
  answer.stats.textContent = `${done.stopReason} · first token ${t.firstTokenMs ?? '–'} ms · total ${t.totalMs} ms`
    + ` · tokens ${done.usage.inputTokens} in / ${done.usage.outputTokens} out · cost ${cost}`;
  stopButton.disabled = true;
  status.textContent = 'connected';
}

function step(s) {
  const item = element('li', 'step');
  item.dataset.role = 'trace-step';
  item.dataset.kind = s.kind;
  item.append(element('div', 'title', s.title));
  const timing = s.durationMs !== undefined ? ` · ${s.durationMs} ms` : '';
  item.append(element('div', 'meta', `${s.kind} · +${s.t} ms${timing}`));
  if (s.text) item.append(element('p', 'detail', s.text));
  if (s.kind === 'model') item.append(element('p', 'detail', `${s.model}: ${s.inputTokens} in / ${s.outputTokens} out`));
  if (Array.isArray(s.references)) {
    const refs = element('ol', 'refs');
    for (const ref of s.references) {
      const score = typeof ref.score === 'number' ? ` (${ref.score.toFixed(2)})` : '';
      refs.append(element('li', '', `${ref.source} — ${ref.title}${score}`));
    }
    item.append(refs);
  }
  return item;
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = question.value.trim();
  if (!text) return;
  ask(text);
  question.value = '';
});
question.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});
stopButton.addEventListener('click', () => send({ action: 'cancel', id: stopButton.dataset.id }));

connect();
