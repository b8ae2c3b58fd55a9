// The trace panel shows steps by when they started; the server sends them when they end. Pure.

/** Where a step with start offset {@code t} goes among steps already shown in start order (stable). */
export function insertionIndex(shownOffsets, t) {
  const offset = typeof t === 'number' ? t : Number.POSITIVE_INFINITY;
  let at = shownOffsets.length;
  while (at > 0 && shownOffsets[at - 1] > offset) at -= 1;
  return at;
}

/** The steps sorted by start offset; steps without one keep their place at the end. */
export function byStart(steps) {
  return steps.map((step, i) => ({ step, i }))
    .sort((a, b) => (offsetOf(a.step) - offsetOf(b.step)) || (a.i - b.i))
    .map(({ step }) => step);
}

function offsetOf(step) {
  return typeof step.t === 'number' ? step.t : Number.POSITIVE_INFINITY;
}
