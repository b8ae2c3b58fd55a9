// Small DOM helpers shared by the views. Server text only ever goes in through textContent.

export function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Text longer than {@code preview} characters shows its start and a "show more" button. */
export function collapsible(tag, full, preview, className) {
  const node = el(tag, className ? { class: className } : {});
  const value = el('span', {}, full);
  node.append(value);
  if (full.length <= preview) return node;
  const short = `${full.slice(0, preview).trimEnd()}…`;
  value.textContent = short;
  const toggle = el('button', { type: 'button', class: 'link-button more', 'aria-expanded': 'false' }, 'show more');
  toggle.addEventListener('click', () => {
    const expand = toggle.getAttribute('aria-expanded') !== 'true';
    value.textContent = expand ? full : short;
    toggle.textContent = expand ? 'show less' : 'show more';
    toggle.setAttribute('aria-expanded', String(expand));
  });
  node.append(' ', toggle);
  return node;
}

export function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A field's value as a person reads it, whatever its shape: yes or no, a list joined by commas, an
 * object as "name: value" pairs, one row per line for a list of objects; never raw JSON.
 */
export function readable(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    const rows = value.map(readable);
    return value.some((v) => v !== null && typeof v === 'object') ? rows.join('\n') : rows.join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value).filter(([, v]) => v !== null && v !== undefined)
      .map(([name, v]) => `${name}: ${typeof v === 'object' ? `(${readable(v)})` : readable(v)}`).join(' · ');
  }
  return String(value);
}
