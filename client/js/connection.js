// One WebSocket that keeps coming back: reconnects with capped exponential backoff and jitter,
// and reports its state so the page can show it and resume answers.

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

export class Connection {
  constructor(url, { onMessage, onState }) {
    this.url = url;
    this.onMessage = onMessage;
    this.onState = onState;
    this.failures = 0;
    this.socket = null;
  }

  open() {
    this.onState({ state: 'connecting' });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.failures = 0;
      this.onState({ state: 'open' });
    });
    socket.addEventListener('message', (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return; // not protocol v1: nothing to show
      }
      this.onMessage(event);
    });
    socket.addEventListener('close', () => {
      const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures) * (0.8 + Math.random() * 0.4);
      this.failures += 1;
      this.onState({ state: 'closed', retryInMs: Math.round(delay) });
      setTimeout(() => this.open(), delay);
    });
  }

  /** Sends a message if the socket is open; returns whether it was sent. */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }
}

/**
 * The page's settings from config.json next to it: the WebSocket URL (same-origin /ws by default),
 * the repository link and the base URL of source files (the local server's /knowledge/ by default).
 */
export async function loadConfig() {
  let configured = {};
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) configured = await response.json();
  } catch {
    // no config.json: same origin, no repository link
  }
  const url = new URL(configured.webSocketUrl || '/ws', window.location.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return {
    webSocketUrl: url.toString(),
    repositoryUrl: httpUrl(configured.repositoryUrl),
    sourcesBaseUrl: httpUrl(configured.sourcesBaseUrl),
  };
}

function httpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
