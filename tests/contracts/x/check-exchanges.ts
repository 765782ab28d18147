import type { FakeXServer } from '../../fakes/x/fake-x-server.ts';

/** Faults whose whole point is a response X would never send. */
const DELIBERATELY_BROKEN = new Set(['malformed-json', 'body', 'html']);

/**
 * Every response the fake sent, checked against X's OpenAPI subset. Returns what is wrong:
 * a normal response that does not conform, or a deliberately broken one that does (which
 * would mean the check cannot see what it is for). Empty = all is as X defines it.
 */
export function contractViolations(fake: FakeXServer): string[] {
  const violations: string[] = [];
  for (const exchange of fake.exchanges) {
    const problems = fake.contract.checkResponse(exchange);
    const label = `${exchange.method} ${exchange.path}${exchange.query} → ${exchange.status}`;
    if (exchange.fault && DELIBERATELY_BROKEN.has(exchange.fault)) {
      if (problems.length === 0) violations.push(`${label}: the ${exchange.fault} response passed the contract check`);
    } else {
      for (const p of problems) violations.push(`${label}: ${p}`);
    }
  }
  return violations;
}
