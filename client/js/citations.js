// Turns an answer's citations into Markdown links on their [n] markers, so that a click shows the
// cited source in the trace panel. Pure, so it is tested with node --test.

/**
 * The 1-based numbers of the references a citation points to, counted over the retrieval references
 * (a Bedrock agent's citation may name several); a reference not retrieved has none.
 */
export function referenceNumbers(citation, references) {
  const numbers = [];
  for (const cited of citation.references) {
    const at = references.findIndex((r) => (cited.uri && r.uri === cited.uri)
      || (r.source === cited.source && r.title === cited.title));
    if (at >= 0 && !numbers.includes(at + 1)) numbers.push(at + 1);
  }
  return numbers;
}

/** The [n] markers right at a position, spaces before them included: "[1][2]" or " [1] [2]". */
const MARKER_RUN = /^(?:\s*\[\d+\])+/;

/**
 * The answer text with links after each cited span: the [n] markers right after the span become the
 * links of the citations ending there (several citations of one span are linked side by side), and
 * links are inserted where the text has none. Links point at "#cite-n".
 */
export function linkCitations(text, citations, references) {
  const numbersByEnd = new Map();
  for (const citation of citations) {
    const end = citation.span.end;
    if (!(end >= 0 && end <= text.length)) continue;
    const numbers = numbersByEnd.get(end) ?? [];
    for (const n of referenceNumbers(citation, references)) {
      if (!numbers.includes(n)) numbers.push(n);
    }
    if (numbers.length > 0) numbersByEnd.set(end, numbers);
  }
  let linked = text;
  for (const end of [...numbersByEnd.keys()].sort((a, b) => b - a)) {
    const numbers = numbersByEnd.get(end);
    const run = MARKER_RUN.exec(linked.slice(end))?.[0] ?? '';
    // A marker of the run no citation here names stays as written.
    const uncited = [...run.matchAll(/\[(\d+)\]/g)].filter((m) => !numbers.includes(Number(m[1]))).map((m) => m[0]);
    const links = numbers.map((n) => `[\\[${n}\\]](#cite-${n})`).join('');
    linked = `${linked.slice(0, end)} ${links}${uncited.join('')}${linked.slice(end + run.length)}`;
  }
  return linked;
}
