import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * One test configuration for every package. Workspace packages resolve to their TypeScript
 * sources through the `@rr/source` export condition, so tests never run against a stale build.
 */
export function rrVitestConfig(root: string): ViteUserConfig {
  // Acceptance specs need the real-world schemas kept outside the repository: they run only
  // from tools/acceptance.sh (RR_ACCEPTANCE=1), and are not collected (nor reported as
  // skipped) by `npm test`.
  const acceptance = process.env.RR_ACCEPTANCE === '1';
  return defineConfig({
    root,
    ssr: { resolve: { conditions: ['@rr/source', ...defaultServerConditions] } },
    resolve: { conditions: ['@rr/source'] },
    test: {
      include: acceptance ? ['src/**/acceptance.spec.ts'] : ['src/**/*.spec.ts'],
      exclude: acceptance ? ['**/node_modules/**'] : ['**/node_modules/**', 'src/**/acceptance.spec.ts'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 120_000,
      reporters: ['default'],
    },
  });
}
