import { parse } from 'yaml';

/**
 * One run of `promtool test rules`: the cases of one test file that test a few alerts, with rule
 * files holding every recording rule and only those alerts.
 *
 * promtool evaluates every rule of the loaded files at every step of every case, so a group of
 * n alerts with two cases each costs n² rule evaluations when its test file runs whole; split,
 * it costs n. The committed test files stay whole (promtool runs them as they are); `obsgen
 * test` writes the batches to a scratch directory, as JSON (YAML promtool reads, written ~40×
 * faster than YAML).
 */
export interface TestBatch {
  /** The test file it comes from, as listed in the output directory. */
  readonly source: string;
  /** The alerts its cases test (empty: the file ran whole). */
  readonly alerts: readonly string[];
  readonly cases: number;
  /** File name → content: `test.yml` and the rule files it loads. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Alerts whose cases share one test file. Measured on a group of 2,000 alerts (npm run bench,
 * several files per promtool process): every loaded rule is evaluated at every step of every case,
 * so smaller is cheaper until the files themselves cost more; 5 measured 28-32 s, 10 35 s, 15 44 s,
 * 1-3 32-36 s.
 */
const ALERTS_PER_BATCH = 5;

interface TestDocument {
  readonly rule_files?: readonly string[];
  readonly tests?: readonly TestCase[];
  readonly [key: string]: unknown;
}

interface TestCase {
  readonly alert_rule_test?: readonly { readonly alertname?: string }[];
  readonly [key: string]: unknown;
}

interface RuleDocument {
  readonly groups?: readonly { readonly rules?: readonly Record<string, unknown>[]; readonly [key: string]: unknown }[];
}

/**
 * The batches of one test file. `readRuleFile` reads a file its `rule_files` names (relative to
 * the test file); `onlyAlert` keeps the cases of one alert. A file that cannot be split safely — a
 * rule reads `ALERTS` (alerts then depend on each other), or a document is not what obsgen
 * writes — is one batch, run whole (and none when only one alert's cases are wanted).
 */
export function testBatches(
  source: string,
  text: string,
  readRuleFile: (name: string) => string,
  onlyAlert?: string,
): TestBatch[] {
  const whole: TestBatch = { source, alerts: [], cases: 0, files: new Map([['test.yml', text]]) };
  let document: TestDocument;
  let rules: Map<string, RuleDocument>;
  try {
    document = parse(text) as TestDocument;
    rules = new Map((document.rule_files ?? []).map((name) => [name, parse(readRuleFile(name)) as RuleDocument]));
  } catch {
    return onlyAlert === undefined ? [whole] : [];
  }
  const tests = document.tests ?? [];
  const readsAlerts = [text, ...[...rules.values()].map((rule) => JSON.stringify(rule))].some((written) =>
    /\bALERTS(_FOR_STATE)?\b/.test(written),
  );
  if (readsAlerts || tests.length <= 1) return onlyAlert === undefined ? [{ ...whole, cases: tests.length }] : [];
  const byAlerts = new Map<string, TestCase[]>();
  for (const test of tests) {
    const alerts = [...new Set((test.alert_rule_test ?? []).flatMap((t) => t.alertname ?? []))].sort();
    if (onlyAlert !== undefined && !alerts.includes(onlyAlert)) continue;
    const key = alerts.join('\n');
    const same = byAlerts.get(key);
    if (same === undefined) byAlerts.set(key, [test]);
    else same.push(test);
  }
  // Alerts in chunks of a few: every loaded rule is evaluated in every case of the chunk.
  const groups = [...byAlerts.entries()];
  const chunks: (typeof groups)[] = [];
  for (let start = 0; start < groups.length; start += ALERTS_PER_BATCH)
    chunks.push(groups.slice(start, start + ALERTS_PER_BATCH));
  return chunks.map((chunk) => {
    const alerts = chunk.flatMap(([key]) => (key === '' ? [] : key.split('\n')));
    const cases = chunk.flatMap(([, tested]) => tested);
    const files = new Map<string, string>();
    const ruleFiles = [...rules.values()].map((rule, index) => {
      const kept = `rules-${index}.yml`;
      files.set(kept, JSON.stringify(onlyAlerts(rule, new Set(alerts))));
      return kept;
    });
    files.set('test.yml', JSON.stringify({ ...document, rule_files: ruleFiles, tests: cases }));
    return { source, alerts, cases: cases.length, files };
  });
}

/**
 * Batches of one test file that share one `promtool test rules` process: starting promtool costs
 * more than a case (~0.1 s against ~20 ms), so a process runs several batches' files in turn. A run
 * never mixes test files, so every failure promtool prints belongs to the run's file.
 */
export interface TestRun {
  readonly source: string;
  readonly batches: readonly TestBatch[];
}

/** The batches in runs of at most `perRun`, in order, each run from one test file. */
export function testRuns(batches: readonly TestBatch[], perRun: number): TestRun[] {
  const runs: { source: string; batches: TestBatch[] }[] = [];
  for (const batch of batches) {
    const last = runs.at(-1);
    if (last !== undefined && last.source === batch.source && last.batches.length < perRun) last.batches.push(batch);
    else runs.push({ source: batch.source, batches: [batch] });
  }
  return runs;
}

/** Every recording rule, and of the alerting rules only `alerts`; groups left empty are dropped. */
function onlyAlerts(document: RuleDocument, alerts: ReadonlySet<string>): RuleDocument {
  return {
    groups: (document.groups ?? [])
      .map((group) => ({
        ...group,
        rules: (group.rules ?? []).filter((rule) => typeof rule.alert !== 'string' || alerts.has(rule.alert)),
      }))
      .filter((group) => group.rules.length > 0),
  };
}
