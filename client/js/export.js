// An answer and a conversation as Markdown (with their sources) and as JSON. Pure.
import { references } from './answers.js';
import { formatCost, formatUsage } from './format.js';
import { sourceHref } from './sources.js';

/** The answer with its numbered sources, ready to paste; relative source links become absolute against {@code origin}. */
export function answerMarkdown(answer, { sourcesBase, origin } = {}) {
  const lines = [answer.text.trim() || '_(no answer text)_'];
  const refs = references(answer);
  if (refs.length > 0) {
    lines.push('', 'Sources:');
    refs.forEach((ref, i) => {
      const href = sourceHref(ref, sourcesBase);
      const label = `${ref.source} — ${ref.title ?? ''}`.replace(/ — $/, '');
      lines.push(href ? `${i + 1}. [${escape(label)}](${absolute(href, origin)})` : `${i + 1}. ${escape(label)}`);
    });
  }
  return lines.join('\n');
}

/** The whole conversation: each question as a heading, its answer, sources and stats. */
export function conversationMarkdown(answers, options = {}) {
  const parts = ['# Glassbox conversation', ''];
  for (const answer of answers) {
    parts.push(`## ${escape(answer.question.replace(/\s+/g, ' '))}`, '', answerMarkdown(answer, options));
    const facts = [answer.status !== 'done' ? answer.status : null, formatUsage(answer.usage, answer.backend),
      answer.timings ? formatCost(answer.costUsd, answer.backend) : null].filter(Boolean);
    if (facts.length > 0) parts.push('', `_${facts.join(' · ')}_`);
    parts.push('');
  }
  return parts.join('\n');
}

/** One answer as plain data: what was asked and answered, with its trace, citations and stats. */
export function answerData(answer) {
  return {
    id: answer.id,
    question: answer.question,
    answer: answer.text,
    status: answer.status,
    backend: answer.backend,
    model: answer.model,
    citations: answer.citations,
    trace: answer.steps,
    usage: answer.usage,
    costUsd: answer.costUsd,
    pricesAsOf: answer.pricesAsOf ?? null,
    timings: answer.timings,
    stopReason: answer.stopReason,
    error: answer.error,
    feedback: answer.feedback ?? null,
  };
}

/**
 * The whole conversation as data. Never the session id: it is the conversation's secret, and whoever holds it could go
 * on with the conversation, replay its recent answers or change its feedback.
 */
export function conversationJson(answers) {
  return JSON.stringify({ answers: answers.map(answerData) }, null, 2);
}

function absolute(href, origin) {
  return origin && href.startsWith('/') ? new URL(href, origin).toString() : href;
}

function escape(text) {
  return String(text).replace(/([\\`*_[\]<>])/g, '\\$1');
}
