import { defineConfig } from 'vitest/config';
import { testDefaults } from '../vitest.shared.ts';

/**
 * Files run in parallel: vitest's default (cores − 1) is one worker on CI's two cores, and
 * these files spend most of their time waiting on PostgreSQL, Redis, timers, Chromium and child
 * processes, not computing. Each file has its own schema or database, queue prefix and ports,
 * so files do not meet. EARSHOT_TEST_WORKERS overrides the count (1 runs them one at a time).
 *
 * The fault files go last, one at a time: they start several Earshot processes each, kill them
 * and cut their connections, and their recovery deadlines are about the processes they start,
 * not about sharing two cores with other files.
 */
const workers = Number(process.env.EARSHOT_TEST_WORKERS ?? 3);
const shared = { exclude: ['**/node_modules/**', 'bench/**'], ...testDefaults };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'main',
          include: ['**/*.test.ts'],
          exclude: [...shared.exclude, 'faults/**'],
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'faults',
          include: ['faults/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
