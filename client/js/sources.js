// Where a retrieved passage's file can be read: the local server renders knowledge files at
// /knowledge/<file>; a deployed page points at a configured base URL, e.g. the repository's blob URL.
// Pure, so it is tested with node --test.

export const LOCAL_SOURCES = '/knowledge/';

/**
 * The link to a reference's file and heading, or null when it names no Markdown file. Only the
 * file's path inside knowledge/ and the heading anchor are taken from the server, both encoded.
 */
export function sourceHref(ref, base = LOCAL_SOURCES) {
  const source = String(ref?.source ?? '').replace(/^knowledge\//, '');
  if (!/\.md$/i.test(source) || source.split('/').some((part) => part === '..' || part === '')) return null;
  const path = source.split('/').map(encodeURIComponent).join('/');
  const uri = String(ref.uri ?? '');
  const hash = uri.indexOf('#');
  const anchor = hash < 0 ? '' : uri.slice(hash + 1);
  return `${base.endsWith('/') ? base : `${base}/`}${path}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}
