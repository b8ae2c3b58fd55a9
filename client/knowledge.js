// One knowledge file, rendered by the page's own Markdown pipeline (raw HTML shown as text, nothing
// runs), with GitHub's heading anchors so a cited passage opens at its heading.
import { headingAnchors } from './js/anchors.js';
import { renderMarkdown } from './js/markdown.js';

const article = document.querySelector('[data-role="knowledge"]');
const name = decodeURIComponent(window.location.pathname.replace(/^\/knowledge\//, ''));
document.querySelector('[data-role="file-name"]').textContent = name;
document.title = `${name} — Glassbox knowledge`;

const response = await fetch(`${window.location.pathname}?format=md`, { cache: 'no-store' });
if (response.ok) {
  article.innerHTML = renderMarkdown(await response.text());
  const headings = [...article.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  headingAnchors(headings.map((h) => h.textContent)).forEach((anchor, i) => { headings[i].id = anchor; });
  const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target) {
    target.scrollIntoView();
    target.classList.add('target');
  }
} else {
  article.textContent = await response.text();
}
article.setAttribute('aria-busy', 'false');
