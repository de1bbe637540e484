import { compareFindings, hasErrors, type Finding } from '../../finding.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { boundUpdates, rewriteBound } from '../../live/bound-updates.ts';
import { compareCatalog, type SystemMeasurement } from '../../live/compare-catalog.ts';
import { subjectOf } from '../../subject.ts';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import { sliRecordName } from '../../derive/slo/slo-rules.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { quote } from '../../promql/string-literal.ts';
import type { CommonOptions } from '../common-options.ts';
import { formatFindings } from '../format-findings.ts';
import { liveSystems, tallyText, withLiveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { measureLive } from '../prometheus/measure-live.ts';
import { exceedsWarningBudget, warningBudgetLine } from '../warning-budget.ts';

/**
 * `obsgen verify --prometheus <url>`: each system's catalog held against the live series — the
 * findings of compareCatalog, printed and exited on as `check` does (1 on an error finding, 2 when
 * the server cannot be read). Reads are counts and label values, never whole series.
 */
export async function verifyCommand(options: CommonOptions): Promise<number> {
  return withLiveReading(options.live, 'verify', async (reading) => {
    const systems = await liveSystems(options.definitions, options.system);
    const findings: Finding[] = [];
    const notes: string[] = [];
    const update = new Set((options.live.update ?? '').split(',').filter((label) => label !== ''));
    for (const system of systems) {
      const measurement = await measureSystem(system, reading, notes);
      const found = compareCatalog(measurement);
      if (update.size > 0) notes.push(...applyUpdates(measurement, update, found));
      findings.push(...found);
    }
    findings.sort(compareFindings);
    for (const note of notes) process.stderr.write(`obsgen: ${note}\n`);
    process.stdout.write(formatFindings(options.format, findings, []));
    process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
    if (hasErrors(findings)) return 1;
    if (exceedsWarningBudget(findings, options.maxWarnings)) {
      process.stderr.write(`${warningBudgetLine(findings, options.maxWarnings ?? 0)}\n`);
      return 1;
    }
    return 0;
  });
}

async function measureSystem(system: ValidSystem, reading: LiveReading, notes: string[]): Promise<SystemMeasurement> {
  const { client, time, windowSeconds } = reading;
  const targets = reading.selector === '' ? `job=${quote(system.name)}` : reading.selector;
  const targetNames = await client.api<string[]>('label/__name__/values', [
    ['match[]', `{${targets}}`],
    ['start', String(time - windowSeconds)],
    ['end', String(time)],
  ]);
  if (targetNames.length === 0)
    notes.push(
      `${system.name}: no series has {${targets}}, so its metrics were measured wherever they are and metrics its catalog does not declare were not looked for (pass --match to name its targets)`,
    );
  // The system's own targets when they are known: another system's metric of the same name is not this one's.
  const snapshot = await measureLive(client, {
    selector: targetNames.length === 0 ? '' : targets,
    time,
    windowSeconds,
    families: system.catalog.metricList.map((metric) => ({ name: metric.name, kind: metric.kind })),
    source: reading.source,
    targetLabels: system.catalog.targetLabels,
  });
  const records = system.ruleGroups.flatMap((group) =>
    group.rules.flatMap((rule) => (rule.kind === 'record' ? [rule.name] : [])),
  );
  const recordings = new Map<string, number>();
  if (records.length > 0) {
    const query = [...new Set(records)]
      .map(
        (name) =>
          `label_replace(count(last_over_time({__name__=${quote(name)}}[${windowSeconds}s])), "obsgen_record", ${quote(name)}, "", "")`,
      )
      .join(' or ');
    for (const row of await client.vector(query, time)) recordings.set(row.metric.obsgen_record ?? '', row.value);
  }
  // Each SLO that compiles to rules records its 5m error ratio under its Sloth id.
  const planned = expandSlos(system).recording;
  const sloSeries = new Map<string, number>();
  if (planned.length > 0) {
    const query = planned
      .map(
        (plan) =>
          `label_replace(count(last_over_time(${sliRecordName(300)}{sloth_id=${quote(plan.id)}}[${windowSeconds}s])), "obsgen_slo", ${quote(plan.id)}, "", "")`,
      )
      .join(' or ');
    for (const row of await client.vector(query, time)) sloSeries.set(row.metric.obsgen_slo ?? '', row.value);
  }
  return {
    system,
    slos: planned.map((plan) => ({ slo: plan.slo, id: plan.id, series: sloSeries.get(plan.id) ?? 0 })),
    declared: new Map(snapshot.metrics.map((metric) => [metric.name, metric])),
    targetNames: targetNames.length === 0 ? undefined : targetNames,
    recordings,
    snapshot,
  };
}

/**
 * `--update <labels>`: rewrites the bound of each named label production outgrew, in place, and
 * drops the finding it answers; a line it cannot rewrite unambiguously is left alone and said.
 */
function applyUpdates(measurement: SystemMeasurement, labels: ReadonlySet<string>, findings: Finding[]): string[] {
  const said: string[] = [];
  for (const update of boundUpdates(measurement, labels)) {
    const source = readFileSync(update.file, 'utf8');
    const rewritten = rewriteBound(source, update);
    if (rewritten === undefined) {
      said.push(
        `${update.file}:${update.line}: no single bounded(${update.from}, …) on that line to rewrite; ${update.label} left as it is`,
      );
      continue;
    }
    writeFileSync(update.file, rewritten);
    said.push(
      `updated ${update.file}:${update.line}: ${update.label} bounded(${update.from}) → bounded(${update.to}) (measured ${update.measured})`,
    );
    const subject = subjectOf.label(measurement.system.name, update.label);
    for (let i = findings.length - 1; i >= 0; i--)
      if (findings[i]!.rule === 'verify/over-bound' && findings[i]!.subject === subject) findings.splice(i, 1);
  }
  return said;
}
