import type { RuleIdOf } from '../../rule-id.ts';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../finding.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { Project } from '../../model/system.ts';
import { mapConcurrently, runProcess } from '../run-process.ts';

export const ALERTMANAGER_CONFIG = 'alertmanager/alertmanager.yml';
const ROUTING_TESTS = 'alertmanager/routing-tests.yml';

interface RoutingCase {
  readonly alert: string;
  readonly defined: string;
  readonly receivers: readonly string[];
  readonly routes: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** `file:line` as a location. */
function location(defined: string): SourceLocation | undefined {
  const match = /^(.*):(\d+)$/.exec(defined);
  return match === null ? undefined : { file: match[1]!, line: Number(match[2]) };
}

/**
 * The real Alertmanager's verdicts on the generated configuration: `amtool check-config`, then
 * `amtool config routes test --verify.receivers` for every alert of the project, which must reach
 * the receivers obsgen computed, none of them the root's.
 */
export async function verifyAlertmanager(
  amtool: string,
  out: string,
  project: Project,
): Promise<{ findings: Finding[]; outcome: string }> {
  const config = path.join(out, ALERTMANAGER_CONFIG);
  const findings: Finding[] = [];
  const checked = await runProcess(amtool, ['check-config', config]);
  if (checked.status !== 0) {
    findings.push(
      fileFinding(
        'test/amtool-check',
        out,
        ALERTMANAGER_CONFIG,
        `amtool check-config rejects ${ALERTMANAGER_CONFIG}:\n${indent(checked.output)}`,
        'The generated configuration does not load in Alertmanager; report it with the definitions.',
      ),
    );
    return { findings, outcome: 'amtool: check-config fails' };
  }
  const cases = readCases(path.join(out, ROUTING_TESTS));
  const root = project.alertmanager?.route.receiver.name ?? 'the root receiver';
  const verdicts = await mapConcurrently(cases, availableParallelism(), (test) =>
    runProcess(amtool, [
      'config',
      'routes',
      'test',
      `--config.file=${config}`,
      `--verify.receivers=${test.receivers.join(',')}`,
      ...Object.entries(test.labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`),
    ]),
  );
  let routed = 0;
  for (const [index, test] of cases.entries()) {
    const verdict = verdicts[index]!;
    const at = location(test.defined) ?? { file: `${out}/${ROUTING_TESTS}`, line: 1 };
    const labels = Object.entries(test.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ');
    if (verdict.status !== 0) {
      const actual =
        verdict.output
          .split('\n')
          .find((line) => line.trim() !== '' && !line.startsWith('Warning') && !line.startsWith('WARNING')) ??
        '(nothing)';
      findings.push({
        rule: 'test/amtool-routes',
        severity: 'error',
        subject: test.alert,
        at,
        message: `amtool routes {${labels}} to ${actual}, not to ${test.receivers.join(', ')} as obsgen computed.`,
        hint: "obsgen's routing and Alertmanager's disagree: report it with the definitions.",
      });
    } else if (test.routes.includes('alertmanager/route/root')) {
      findings.push({
        rule: 'test/amtool-routes',
        severity: 'error',
        subject: test.alert,
        at,
        message: `{${labels}} reaches only the root receiver ${root}.`,
        hint: 'Route the alert to a receiver of its own (alertmanager/unrouted explains).',
      });
    } else routed++;
  }
  return {
    findings,
    outcome: `amtool: ${ALERTMANAGER_CONFIG} loads, ${routed} of ${cases.length} alerts route to their receivers`,
  };
}

function readCases(file: string): RoutingCase[] {
  const document = parseYaml(readFileSync(file, 'utf8')) as { tests?: RoutingCase[] } | null;
  return document?.tests ?? [];
}

function fileFinding(rule: RuleIdOf<'test'>, out: string, file: string, message: string, hint: string): Finding {
  return { rule, severity: 'error', message, subject: `${out}/${file}`, at: { file: `${out}/${file}`, line: 1 }, hint };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
