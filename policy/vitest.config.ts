import { defineConfig } from 'vitest/config';

// The deadline checks compare against a minute-by-minute count over months: seconds of CPU each,
// more on a loaded machine (the same limit they had in worker/).
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 } });
