import { randomInt } from 'node:crypto';
import type { PlatformDefinition } from '@earshot/collectors';

const digits = (n: number) => Array.from({ length: n }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join('');
const chars = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz234567'[randomInt(32)]).join('');

/** Shapes platforms ask credentials to have: ids and keys, app passwords, handles. */
const SHAPES = [() => digits(18), () => Array.from({ length: 4 }, () => chars(4)).join('-'), () => `${chars(16)}.example.test`];

/**
 * Random credential values that the platform's own schema accepts, unique enough never to
 * occur in a response, a page or a log line by chance. Throws if no known shape fits.
 */
export function credentialValuesFor(definition: PlatformDefinition, options: { requiredOnly?: boolean } = {}): Record<string, string> {
  const fields = definition.credentials!.fields.filter((f) => !options.requiredOnly || !f.optional);
  const values: Record<string, string> = Object.fromEntries(fields.map((f) => [f.name, SHAPES[0]!()]));
  for (const shape of SHAPES.slice(1)) {
    const check = definition.credentials!.schema.safeParse(values);
    if (check.success) return values;
    for (const issue of check.error.issues) values[String(issue.path[0])] = shape();
  }
  const final = definition.credentials!.schema.safeParse(values);
  if (!final.success) throw new Error(`No test value fits ${definition.platform} credentials: ${final.error.message}`);
  return values;
}
