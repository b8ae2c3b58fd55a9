// Turns an answer's citations into Markdown links on their [n] markers, so that a click shows the
// cited source in the trace panel. Pure, so it is tested with node --test.

/** The 1-based number of the reference a citation points to, counted over the retrieval references. */
export function referenceNumber(citation, references) {
  const cited = citation.references[0];
  if (!cited) return null;
  const at = references.findIndex((r) => (cited.uri && r.uri === cited.uri)
    || (r.source === cited.source && r.title === cited.title));
  return at < 0 ? null : at + 1;
}

/**
 * The answer text with a link after each cited span: an existing " [n]" marker right after the span
 * becomes the link, otherwise one is inserted. Links point at "#cite-n".
 */
export function linkCitations(text, citations, references) {
  const placed = citations
    .map((c) => ({ end: c.span.end, n: referenceNumber(c, references) }))
    .filter((c) => c.n !== null && c.end >= 0 && c.end <= text.length)
    .sort((a, b) => b.end - a.end);
  let linked = text;
  for (const { end, n } of placed) {
    const marker = ` [${n}]`;
    const link = ` [\\[${n}\\]](#cite-${n})`;
    const rest = linked.startsWith(marker, end) ? linked.slice(end + marker.length) : linked.slice(end);
    linked = linked.slice(0, end) + link + rest;
  }
  return linked;
}
