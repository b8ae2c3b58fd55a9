// The conversation kept in the browser (sessionStorage by default) so a reload restores it. Bounded:
// at most MAX_ANSWERS answers and MAX_CHARS characters of JSON; the oldest answers go first.
// Pure apart from the storage it is given, so it is tested with node --test.

export const VERSION = 1;
export const MAX_ANSWERS = 40;
export const MAX_CHARS = 1_500_000; // sessionStorage holds about 5 MB per origin, counted in UTF-16 units
const KEY = 'glassbox.transcript';

export class TranscriptStore {
  constructor(storage, { maxAnswers = MAX_ANSWERS, maxChars = MAX_CHARS } = {}) {
    this.storage = storage;
    this.maxAnswers = maxAnswers;
    this.maxChars = maxChars;
  }

  /** The kept conversation, or an empty one when there is none or it cannot be read. */
  load() {
    try {
      const kept = JSON.parse(this.storage.getItem(KEY));
      if (kept?.version === VERSION && (typeof kept.sessionId === 'string' || kept.sessionId === null) && Array.isArray(kept.answers)) {
        return { sessionId: kept.sessionId, answers: kept.answers.filter(isAnswer) };
      }
    } catch {
      // unreadable: start afresh
    }
    return { sessionId: null, answers: [] };
  }

  /** Keeps the conversation, dropping its oldest answers to stay within bounds; returns how many were kept. */
  save(sessionId, answers) {
    let kept = answers.slice(-this.maxAnswers);
    let json = encode(sessionId, kept);
    while (json.length > this.maxChars && kept.length > 0) {
      kept = kept.slice(1);
      json = encode(sessionId, kept);
    }
    try {
      this.storage.setItem(KEY, json);
    } catch {
      // storage full or refused (private mode): the page works on without it
      return 0;
    }
    return kept.length;
  }

  clear() {
    this.storage.removeItem(KEY);
  }
}

function encode(sessionId, answers) {
  return JSON.stringify({ version: VERSION, sessionId, answers });
}

function isAnswer(a) {
  return a && typeof a.id === 'string' && typeof a.question === 'string' && typeof a.text === 'string'
    && Array.isArray(a.steps) && Array.isArray(a.citations) && typeof a.lastSeq === 'number';
}
