import { defineConfig } from 'vitest/config';
import { testDefaults } from '../vitest.shared.ts';

export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'client/src/**/*.test.ts'], ...testDefaults },
});
