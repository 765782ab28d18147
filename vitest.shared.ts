/**
 * Every workspace's test options.
 *
 * Limits detect a hang, they do not check speed: `npm test` runs two workspaces at once and the
 * tests workspace three files at once on CI's two cores, where a test that takes 5 s alone has
 * taken 55 s. Speed is measured in tests/bench, not here.
 *
 * `isolate: false`: a test worker keeps the modules it imported for its next file instead of
 * importing the app again per file. On CI's two cores that import was ~40 % of the CPU the
 * tests workspace spent (import time 706 s → 78 s over its 79 files; the workspace alone
 * 1,094 s → 864 s). Files share no module state: each makes its own schema, queue prefix, ports
 * and app instances, and no test mocks a module, the clock or the environment (a test that must
 * would set `isolate: true` in its own workspace).
 */
export const testDefaults = { testTimeout: 120_000, hookTimeout: 120_000, isolate: false } as const;
