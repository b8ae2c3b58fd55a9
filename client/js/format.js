// How an answer's numbers read to a person. Pure, so it is tested with node --test.

/** The local agent spends nothing and counts words, not model tokens. */
export function isLocal(answer) {
  return answer.backend === 'local';
}

/** "$0 · local" for the local agent, "cost unknown" when the server could not price it, else two significant digits. */
export function formatCost(costUsd, backend) {
  if (backend === 'local') return '$0 · local';
  if (costUsd === null || costUsd === undefined || !Number.isFinite(costUsd)) return 'cost unknown';
  if (costUsd === 0) return '$0';
  const rounded = Number(costUsd.toPrecision(2));
  const digits = Math.max(0, 1 - Math.floor(Math.log10(rounded)));
  return `$${rounded.toFixed(digits)}`;
}

/** Input and output counts, as words for the local agent (its counts are word counts) and tokens otherwise. */
export function formatUsage(usage, backend) {
  if (!usage) return null;
  const unit = backend === 'local' ? 'words' : 'tokens';
  return `${usage.inputTokens ?? 0} in / ${usage.outputTokens ?? 0} out ${unit}`;
}

/** A model step's counts: "amazon.nova-lite-v1:0: 1200 tokens in, 40 out", in words for the local agent. */
export function modelUsage(step, backend) {
  const unit = backend === 'local' ? 'words' : 'tokens';
  return `${step.model ?? 'model'}: ${step.inputTokens ?? 0} ${unit} in, ${step.outputTokens ?? 0} out`;
}

/** The answer's stats line, or the error it ended with. */
export function statsLine(answer) {
  if (answer.status === 'error') return `Error (${answer.error.code}): ${answer.error.message}`;
  const parts = [];
  if (answer.status === 'stopped') parts.push('Stopped');
  if (answer.timings) {
    parts.push(`first token ${answer.timings.firstTokenMs ?? '–'} ms`, `total ${answer.timings.totalMs} ms`);
  }
  const usage = formatUsage(answer.usage, answer.backend);
  if (usage) parts.push(usage);
  if (answer.timings) parts.push(formatCost(answer.costUsd, answer.backend));
  if (parts.length === 0) return answer.status === 'stopped' ? 'Stopped' : 'answering…';
  return parts.join(' · ');
}

/**
 * What a generating model was sent and what was removed from its answer, from a model step:
 * "sent 4 passages and 1 earlier turn, about 731 tokens · removed 1 citation naming no passage sent".
 */
export function promptSummary(step) {
  const turns = step.earlierTurns > 0 ? plural(step.earlierTurns, 'earlier turn') : '';
  const sent = [plural(step.passagesSent, 'passage'), turns].filter(Boolean);
  const parts = [];
  if (sent.length > 0) {
    const size = typeof step.promptTokensEstimated === 'number' ? `, about ${step.promptTokensEstimated} tokens` : '';
    parts.push(`sent ${sent.join(' and ')}${size}`);
  }
  if (typeof step.invalidCitationsDropped === 'number' && step.invalidCitationsDropped > 0) {
    parts.push(`removed ${plural(step.invalidCitationsDropped, 'citation')} naming no passage sent`);
  }
  return parts.join(' · ');
}

/** "INTERVENED: content filter: PROMPT_ATTACK (HIGH); blocked word", from a guardrail step's action and reasons. */
export function guardrailLine(step) {
  const reasons = Array.isArray(step.reasons) ? step.reasons.map(String).join('; ')
    : typeof step.reasons === 'string' ? step.reasons : '';
  return [typeof step.action === 'string' ? step.action : '', reasons].filter(Boolean).join(': ');
}

function plural(n, noun) {
  return typeof n === 'number' ? `${n} ${noun}${n === 1 ? '' : 's'}` : '';
}
