// `npm run test:unit`: the in-process tier — tests that run obsgen's code in the test process
// against hand-built projects and contexts, with no CLI, real tool, browser or package build.
// `npm test` (vitest.config.ts) runs these and every other test; it stays the suite CI runs.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/** Test files that start processes (the CLI, promtool, amtool, Prometheus, tsc, a browser). */
export const INTEGRATION_TESTS = [
  'test/adoption.test.ts',
  'test/alert-rules.test.ts',
  'test/alertmanager-routing-property.test.ts',
  'test/alertmanager.test.ts',
  'test/backtest.test.ts',
  'test/build-robustness.test.ts',
  'test/ci-templates.test.ts',
  'test/cli.test.ts',
  'test/deployment.test.ts',
  'test/diff-backtest.test.ts',
  'test/diff.test.ts',
  'test/docs.test.ts',
  'test/e2e-alertmanager.test.ts',
  'test/e2e-prometheus.test.ts',
  'test/finding-formats.test.ts',
  'test/import-edges.test.ts',
  'test/import.test.ts',
  'test/live-catalog.test.ts',
  'test/output-confinement.test.ts',
  'test/promql-corpus.test.ts',
  'test/promql-result-labels.test.ts',
  'test/preview.test.ts',
  'test/promtool-batches.test.ts',
  'test/query-cost-prometheus.test.ts',
  'test/review-page.test.ts',
  'test/slo-healthy.test.ts',
  'test/slo-spiky-traffic.test.ts',
  'test/sloth-equivalence.test.ts',
  'test/synthetic-history.test.ts',
  'test/typecheck.test.ts',
  'test/value-validation.test.ts',
];

// No global setup: the package bundle is built for the CLI tests only.
export default defineConfig({
  ...base,
  test: { ...base.test, exclude: ['**/node_modules/**', ...INTEGRATION_TESTS], globalSetup: [] },
});
