import type { EntityChange } from '../../compile/review/review-diff.ts';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import { pairBacktests, type DiffBacktest } from '../../live/backtest-results.ts';
import type { ValidRuleGroup, ValidSystem } from '../../model/valid-system.ts';
import { queryText } from '../../promql/builder.ts';
import { selectedNames } from '../../promql/selected-names.ts';
import { parsePromql } from '../../promql/parse.ts';
import { renderPromql } from '../../promql/render.ts';
import { backtestSystems, BacktestBudget } from './alert-backtest.ts';
import type { LiveReading } from './live-reading.ts';
import { receiverPages } from './receiver-pages.ts';
import type { Alertmanager } from '../../model/alertmanager/alertmanager.ts';

/**
 * A diff's evidence: every alert the change adds, removes or alters — and every alert reading a
 * recording it alters — backtested over the range twice: as the base defines it (reading what
 * the server holds) and as the change does (its altered recordings computed from raw series,
 * since the server holds the base's version).
 */
export async function diffBacktest(
  reading: LiveReading,
  base: { readonly systems: readonly ValidSystem[]; readonly alertmanager: Alertmanager | undefined },
  head: { readonly systems: readonly ValidSystem[]; readonly alertmanager: Alertmanager | undefined },
  alertChanges: readonly EntityChange[],
  rangeSeconds: number,
  sloChanges: readonly EntityChange[],
): Promise<DiffBacktest> {
  // Asked even when no alert changed, so a wrong URL or credential fails the first run, not a later one.
  await reading.client.api('query', [
    ['query', 'vector(1)'],
    ['time', String(reading.time)],
  ]);
  const baseGroups = new Map(base.systems.map((system) => [system.name, expandSlos(system).system.ruleGroups]));
  const headGroups = new Map(head.systems.map((system) => [system.name, expandSlos(system).system.ruleGroups]));
  const altered = alteredRecordings(baseGroups, headGroups);
  const keys = new Set(alertChanges.map((change) => change.key));
  const reads = new Map<string, string[]>();
  for (const [system, groups] of headGroups)
    for (const group of groups)
      for (const rule of group.rules) {
        if (rule.kind !== 'alert') continue;
        const names = selectedNames(parsePromql(queryText(rule.expr))).filter((name) =>
          altered.has(`${system}/${name}`),
        );
        if (names.length === 0) continue;
        keys.add(`${system}/${rule.name}`);
        reads.set(`${system}/${rule.name}`, names);
      }
  const budget = new BacktestBudget();
  const sloKeys = new Set(sloChanges.map((change) => change.key));
  const scope = { alerts: keys, slos: sloKeys, values: true };
  const before = await backtestSystems(reading, base.systems, rangeSeconds, scope, budget);
  const after = await backtestSystems(reading, head.systems, rangeSeconds, { ...scope, recompute: altered }, budget);
  const range = { start: reading.time - rangeSeconds, end: reading.time };
  const pagesOf = (side: typeof base, results: typeof before.alerts) =>
    side.alertmanager === undefined
      ? new Map<string, number>()
      : new Map(
          receiverPages(side.alertmanager, side.systems, results, range).receivers.map((r) => [r.receiver, r.perWeek]),
        );
  const pagesBefore = pagesOf(base, before.alerts);
  const pagesAfter = pagesOf(head, after.alerts);
  const receivers = [...new Set([...pagesBefore.keys(), ...pagesAfter.keys()])].sort().map((receiver) => ({
    receiver,
    before: base.alertmanager === undefined ? undefined : (pagesBefore.get(receiver) ?? 0),
    after: head.alertmanager === undefined ? undefined : (pagesAfter.get(receiver) ?? 0),
  }));
  return {
    source: reading.source,
    synthetic: reading.synthetic,
    end: reading.time,
    rangeSeconds,
    alerts: pairBacktests([...keys].sort(), before.alerts, after.alerts, reads),
    receivers,
    slos: [...sloKeys].sort().map((key) => ({
      key,
      before: before.slos.filter((slo) => `${slo.system}/${slo.slo}` === key),
      after: after.slos.filter((slo) => `${slo.system}/${slo.slo}` === key),
    })),
  };
}

/**
 * Recordings (`system/name`) whose rules the change adds or alters (expression, labels or
 * interval), and the recordings reading them, to any depth: their values on the server are the
 * base's.
 */
function alteredRecordings(
  base: ReadonlyMap<string, readonly ValidRuleGroup[]>,
  head: ReadonlyMap<string, readonly ValidRuleGroup[]>,
): Set<string> {
  const altered = new Set<string>();
  for (const [system, groups] of head) {
    const before = versions(base.get(system) ?? []);
    const after = versions(groups);
    for (const [name, version] of after) if (before.get(name) !== version) altered.add(`${system}/${name}`);
    // A recording reading an altered one is altered too.
    const reads = readsOf(groups);
    for (let grew = true; grew;) {
      grew = false;
      for (const [name, inner] of reads)
        if (!altered.has(`${system}/${name}`) && inner.some((n) => altered.has(`${system}/${n}`))) {
          altered.add(`${system}/${name}`);
          grew = true;
        }
    }
  }
  return altered;
}

/** Each recording name's rules as one comparable text: labels, expression and interval of every rule of the name. */
function versions(groups: readonly ValidRuleGroup[]): Map<string, string> {
  const texts = new Map<string, string[]>();
  for (const group of groups)
    for (const rule of group.rules)
      if (rule.kind === 'record')
        texts.set(rule.name, [
          ...(texts.get(rule.name) ?? []),
          `${JSON.stringify(Object.entries(rule.labels ?? {}).sort())} ${renderPromql(parsePromql(queryText(rule.expr)))} @${group.intervalSeconds}`,
        ]);
  return new Map([...texts].map(([name, list]) => [name, list.sort().join('\n')]));
}

function readsOf(groups: readonly ValidRuleGroup[]): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const group of groups)
    for (const rule of group.rules)
      if (rule.kind === 'record')
        reads.set(rule.name, [...(reads.get(rule.name) ?? []), ...selectedNames(parsePromql(queryText(rule.expr)))]);
  return reads;
}
