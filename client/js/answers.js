// The state of each answer, built from protocol v1 events. Pure: no DOM, no network, so it is
// tested with node --test. Events are applied strictly in seq order: a duplicate (seen before,
// e.g. replayed after a reconnect) is dropped, and a gap is reported so the caller can resume.
// The final done is taken even after a gap: it carries the whole text, and the server may have
// kept nothing else of an answer that finished long ago.

export const APPLIED = 'applied';
export const DUPLICATE = 'duplicate';
export const GAP = 'gap';

export function createAnswer(id, question) {
  return {
    id,
    question,
    text: '',
    lastSeq: -1,
    status: 'pending', // pending → streaming → done | stopped | error
    stopRequested: false,
    backend: null,
    model: null,
    steps: [],
    citations: [],
    usage: null,
    costUsd: null,
    timings: null,
    stopReason: null,
    error: null,
    feedback: null, // { verdict, comment, state: 'sending' | 'recorded' | 'failed', message? }
  };
}

export function isRunning(answer) {
  return answer.status === 'pending' || answer.status === 'streaming';
}

/** Applies one server event addressed to this answer; returns APPLIED, DUPLICATE or GAP. */
export function applyEvent(answer, event) {
  if (event.seq === undefined) {
    // An error about the ask itself (busy, rate_limited, …): the answer never started. Once the
    // answer has ended, an error without seq is about something else (feedback, a late resume).
    if (event.type === 'error' && isRunning(answer)) fail(answer, event);
    return APPLIED;
  }
  if (event.seq <= answer.lastSeq) return DUPLICATE;
  if (event.seq > answer.lastSeq + 1 && event.type !== 'done') return GAP;
  answer.lastSeq = event.seq;
  switch (event.type) {
    case 'start':
      answer.sessionId = event.sessionId;
      answer.backend = event.backend;
      answer.model = event.model;
      if (answer.status === 'pending') answer.status = 'streaming';
      break;
    case 'token':
      if (!answer.stopRequested) answer.text += event.text;
      break;
    case 'trace':
      answer.steps.push(event.step);
      break;
    case 'citation':
      answer.citations.push(citationOf(event));
      break;
    case 'done':
      finish(answer, event);
      break;
    case 'error':
      fail(answer, event);
      break;
    default:
      break;
  }
  return APPLIED;
}

/** Marks the answer stopped at once; later text is ignored, whatever the server still sends. */
export function requestStop(answer) {
  if (!isRunning(answer)) return false;
  answer.stopRequested = true;
  answer.status = 'stopped';
  return true;
}

/** The resume messages that heal every running answer after a reconnect. */
export function resumeMessages(answers, sessionId) {
  return answers.filter((a) => isRunning(a)).map((a) => {
    const message = { action: 'resume', id: a.id, after: a.lastSeq };
    const session = a.sessionId ?? sessionId;
    if (session) message.sessionId = session;
    return message;
  });
}

/** All references of the answer's retrieval steps, in the order the [n] markers count them. */
export function references(answer) {
  return answer.steps.flatMap((step) => (Array.isArray(step.references) ? step.references : []));
}

function finish(answer, done) {
  answer.usage = done.usage;
  answer.costUsd = done.costUsd;
  answer.pricesAsOf = done.pricesAsOf ?? null;
  answer.timings = done.timings;
  answer.stopReason = done.stopReason;
  if (Array.isArray(done.citations)) answer.citations = done.citations.map(citationOf);
  if (answer.stopRequested) return; // stopped means stopped: the text stays as it was
  // The whole text heals anything missed; it is left out when over 24 KB.
  if (typeof done.text === 'string') answer.text = done.text;
  answer.status = done.stopReason === 'cancelled' ? 'stopped' : 'done';
}

function fail(answer, error) {
  answer.error = { code: error.code, message: error.message, retryable: error.retryable === true };
  if (!answer.stopRequested) answer.status = 'error';
}

function citationOf(event) {
  return { index: event.index, span: event.span, references: event.references || [] };
}
