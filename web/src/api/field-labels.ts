import type { z } from 'zod';

// Turning a zod failure into sentences in the user's words ("P2 target must be at least 1
// minute", not "targetsMinutes.P2: …"). One label table per form schema sits next to that
// schema; the server words every failure of a body with it (server/parse.ts), and the
// dashboard shows each problem next to the field its path names.

/**
 * Field path → what the form calls it. Paths are dotted; `*` stands for any list index or
 * key (`holidays.*`, `businessHours.*.open`). A path with no entry takes its nearest
 * labelled parent's label (`config.recipients.0` → `config.recipients`).
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** One problem with one field, as the API sends it in `error.fields`. */
export interface FieldProblem {
  /** Dotted path in the body, e.g. `targetsMinutes.P2` or `query.keywords.0`. */
  path: string;
  /** The sentence to show, in the user's words. */
  message: string;
}

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

export function pathKey(path: readonly PathPart[]): string {
  return path.map(String).join('.');
}

/** The label of a path: exact, with indexes and keys as `*`, then the nearest labelled parent. */
export function labelFor(labels: FieldLabels, path: readonly PathPart[]): string | null {
  for (let n = path.length; n > 0; n--) {
    const head = path.slice(0, n);
    const exact = labels[pathKey(head)];
    if (exact !== undefined) return exact;
    // Each part may be a wildcard: try the patterns that replace numbers, then any part.
    const numbersStarred = head.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? '*' : String(p))).join('.');
    if (labels[numbersStarred] !== undefined) return labels[numbersStarred];
    for (const [pattern, label] of Object.entries(labels)) {
      const parts = pattern.split('.');
      if (parts.length === head.length && parts.every((p, i) => p === '*' || p === String(head[i]))) return label;
    }
  }
  return null;
}

/** zod's own English messages ("Too small: expected number to be >=1"), which name no field. */
const ZOD_DEFAULT = /^(Invalid (input|option|string|number|type|UUID|email|URL|ISO|key|element|value|union)|Too (small|big)|Unrecognized key|Expected )/;

function defaultSentence(issue: Issue, label: string): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${label} cannot be empty` : `${label} must be at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
      return `${label} must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${label} can be at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} can have at most ${max} ${max === 1 ? 'entry' : 'entries'}`;
      return `${label} must be at most ${max}`;
    }
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${label} is missing`;
      if (issue.expected === 'number' || issue.expected === 'int') return `${label} must be a number`;
      if (issue.expected === 'boolean') return `${label} must be on or off`;
      return `${label} is not valid`;
    case 'invalid_value':
      return `${label} must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'uuid' ? `Choose a ${label.toLowerCase()} from the list` : `${label} is not in the right form`;
    case 'not_multiple_of':
      return `${label} must be a whole number`;
    default:
      return `${label} is not valid`;
  }
}

/** One issue as a sentence: the label joined to the schema's own words, or words for zod's defaults. */
export function wordIssue(issue: Issue, label: string | null): string {
  if (issue.code === 'unrecognized_keys') {
    return `Unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  if (label === null) return issue.path.length > 0 ? `${pathKey(issue.path)}: ${issue.message}` : issue.message;
  if (ZOD_DEFAULT.test(issue.message)) return defaultSentence(issue, label);
  return wordMessage(label, issue.message);
}

/** A schema's own message joined to its field's label, unless it already says which field. */
export function wordMessage(label: string, message: string): string {
  if (message.toLowerCase().startsWith(label.toLowerCase())) return message;
  // "must be at least 1 minute" reads on from the label; a sentence of its own stands alone.
  if (/^(must|is|are|cannot|can|needs|has|should) /.test(message)) return `${label} ${message}`;
  if (/^[A-Z]/.test(message)) return message;
  return `${label}: ${message}`;
}

/**
 * Each field's first problem in the user's words, with the path of its field. One per field:
 * a blank name is "Name the brand.", not also "has no visible characters".
 */
export function describeIssues(issues: readonly Issue[], labels: FieldLabels): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const path = pathKey(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, message: wordIssue(issue, labelFor(labels, issue.path)) });
  }
  return problems;
}

/** Problems joined into one message, each a sentence. */
export function joinProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (/[.!?]$/.test(p.message) ? p.message : `${p.message}.`)).join(' ');
}
