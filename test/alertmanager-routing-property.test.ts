// obsgen's routing (which the alertmanager/* checks and the routing tests rely on) against the
// real Alertmanager's: random routing trees and label sets, each routed by amtool.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertmanagerFiles } from '../src/compile/alertmanager/alertmanager-files.ts';
import { deriveAlertmanager } from '../src/derive/alertmanager/alertmanager-facts.ts';
import { alertRouter } from '../src/derive/alertmanager/route-alert.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { alertmanager, not, notRe, re, receiver, route, type AlertMatchers, type Route } from '../src/index.ts';

const RECEIVERS = ['r0', 'r1', 'r2', 'r3'].map((name) => receiver(name));
const DOMAIN = { severity: ['critical', 'warning', 'info'], system: ['a', 'b'], team: ['x', 'y', ''] } as const;
type Label = keyof typeof DOMAIN;

const matcher = fc.oneof(
  ...(Object.keys(DOMAIN) as Label[]).map((label) =>
    fc.tuple(
      fc.constant(label),
      fc.constantFrom(...DOMAIN[label].filter((v) => v !== '')),
      fc.constantFrom('=', '!=', '=~', '!~'),
    ),
  ),
);

const matchers = fc.array(matcher, { maxLength: 2 }).map((list): AlertMatchers => {
  const out: Record<string, AlertMatchers[string]> = {};
  for (const [label, value, op] of list)
    out[label] = op === '=' ? value : op === '!=' ? not(value) : op === '=~' ? re(`${value}|z`) : notRe(`${value}|z`);
  return out;
});

const tree: fc.Memo<Route> = fc.memo((depth) =>
  fc
    .record({
      matchers,
      receiver: fc.option(fc.constantFrom(...RECEIVERS), { nil: undefined }),
      continue: fc.boolean(),
      routes: depth > 1 ? fc.array(tree(depth - 1), { maxLength: 3 }) : fc.constant([]),
    })
    .map((spec) => route(spec)),
);

const labelSet = fc.record({
  severity: fc.constantFrom(...DOMAIN.severity),
  system: fc.constantFrom(...DOMAIN.system),
  team: fc.constantFrom(...DOMAIN.team),
});

function amtoolReceivers(config: string, labels: Record<string, string>): string {
  const binary = locateTool('amtool');
  if (binary === undefined) throw new Error(missingToolMessage('amtool'));
  const args = Object.entries(labels)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  const result = spawnSync(binary, ['config', 'routes', 'test', `--config.file=${config}`, 'alertname="A"', ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe('routing tree semantics', () => {
  it(
    'obsgen routes every label set to the receivers amtool does (fast-check, random trees)',
    { timeout: 120_000 },
    () => {
      const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-routing-'));
      let run = 0;
      fc.assert(
        fc.property(
          fc.array(tree(3), { minLength: 1, maxLength: 4 }),
          fc.array(labelSet, { minLength: 1, maxLength: 5 }),
          (children, sets) => {
            const config = alertmanager({ route: { receiver: RECEIVERS[0]!, routes: children }, receivers: RECEIVERS });
            const dir = path.join(scratch, String(run++));
            for (const file of alertmanagerFiles(deriveAlertmanager(config, [], []))) {
              mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
              writeFileSync(path.join(dir, file.path), file.content);
            }
            const routeAlert = alertRouter(config.route);
            for (const labels of sets) {
              const ours = routeAlert({ ...labels, alertname: 'A' }).map((match) => match.receiver.name);
              expect(ours.join(','), JSON.stringify(labels)).toBe(
                amtoolReceivers(path.join(dir, 'alertmanager/alertmanager.yml'), labels),
              );
            }
          },
        ),
        { numRuns: 40, seed: 20261126 },
      );
    },
  );
});
