/**
 * Every workspace's test limits. They detect a hang, they do not check speed: `npm test` runs two
 * workspaces at once and the tests workspace three files at once on CI's two cores, where a test
 * that takes 5 s alone has taken 55 s. Speed is measured in tests/bench, not here.
 */
export const hangLimits = { testTimeout: 120_000, hookTimeout: 120_000 } as const;
