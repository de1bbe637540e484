import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../finding.ts';
import { mapConcurrently, runProcess } from '../run-process.ts';

/** The deployment files that carry rule groups: PrometheusRule resources and Mimir ruler namespaces. */
const DEPLOYED_RULES = /^(kubernetes\/prometheus-rules\/[^/]+|mimir\/[^/]+)\.yaml$/;

/**
 * `promtool check rules` on the groups each PrometheusRule (`spec.groups`) and Mimir namespace
 * file (`groups`) carries, as Prometheus and the ruler load them: what they hold beside the groups
 * is the wrapper promtool does not read. One finding per file promtool rejects; the outcome line.
 */
export async function verifyDeployedRules(
  promtool: string,
  out: string,
  files: readonly string[],
  findings: Finding[],
): Promise<string | undefined> {
  const deployed = files.filter((file) => DEPLOYED_RULES.test(file));
  if (deployed.length === 0) return undefined;
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-deployed-rules-'));
  try {
    const verdicts = await mapConcurrently(deployed, availableParallelism(), (file) => {
      const document = parseYaml(readFileSync(path.join(out, file), 'utf8')) as {
        groups?: unknown;
        spec?: { groups?: unknown };
      };
      const groups = document.groups ?? document.spec?.groups ?? [];
      const extracted = path.join(scratch, `${file.replace(/\//g, '_')}.rules.yml`);
      writeFileSync(extracted, JSON.stringify({ groups }));
      return runProcess(promtool, ['check', 'rules', extracted]);
    });
    let failed = 0;
    deployed.forEach((file, index) => {
      const verdict = verdicts[index]!;
      if (verdict.status === 0) return;
      failed++;
      findings.push({
        rule: 'test/promtool-check',
        severity: 'error',
        message: `promtool check rules rejects the groups of ${file}:\n${verdict.output
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n')}`,
        subject: `${out}/${file}`,
        at: { file: `${out}/${file}`, line: 1 },
        hint: 'The deployed rule groups do not load in Prometheus or the ruler; report it with the definitions.',
      });
    });
    return `${deployed.length - failed} of ${deployed.length} PrometheusRule and Mimir files' groups load`;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
