import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * One test configuration for every package. Workspace packages resolve to their TypeScript
 * sources through the `@rr/source` export condition, so tests never run against a stale build.
 */
export function rrVitestConfig(root: string): ViteUserConfig {
  return defineConfig({
    root,
    ssr: { resolve: { conditions: ['@rr/source', ...defaultServerConditions] } },
    resolve: { conditions: ['@rr/source'] },
    test: {
      include: ['src/**/*.spec.ts'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 120_000,
      reporters: ['default'],
    },
  });
}
