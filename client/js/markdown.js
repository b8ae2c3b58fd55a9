// Renders untrusted Markdown (model and knowledge text) to safe HTML: raw HTML is shown as text,
// nothing can run, only http(s) and in-page links survive, and no remote image is ever loaded.
import { Marked } from '../vendor/marked.js';
import DOMPurify from '../vendor/purify.js';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    // An image becomes a link to it: the visitor decides whether to load it.
    image: ({ href, text }) => `<a href="${escapeHtml(href || '')}">${escapeHtml(`image: ${text || href || ''}`)}</a>`,
  },
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href') || '';
  if (/^https?:\/\//i.test(href)) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else if (!href.startsWith('#')) {
    node.removeAttribute('href');
  }
});

const POLICY = {
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'class', 'id'],
};

export function renderMarkdown(markdown) {
  return DOMPurify.sanitize(marked.parse(markdown, { async: false }), POLICY);
}
