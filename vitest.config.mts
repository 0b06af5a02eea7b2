import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two environments: Node for everything below the renderer, jsdom for renderer components.
// The JSON report is what .ci/run counts.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Projects take the root's timeouts only when they extend it.
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/e2e/**/*.test.ts',
            'test/static/**/*.test.ts',
          ],
          pool: 'forks',
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.tsx'],
        },
      },
    ],
  },
});
