import { defineConfig } from 'vitest/config';
import { testDefaults } from '../vitest.shared.ts';

// The deadline checks compare against a minute-by-minute count over months: seconds of CPU each.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], ...testDefaults } });
