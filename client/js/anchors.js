// GitHub's heading anchors, as the local agent's passage links use them: lower case, punctuation
// dropped, spaces to hyphens, and "-1", "-2"… on repeats. Pure, so it is tested with node --test.

export function headingAnchors(headings) {
  const seen = new Map();
  return headings.map((heading) => {
    const base = heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  });
}
