// Definitions written in JavaScript, or with casts, are as safe as typed ones: whatever values a
// definition holds, a build either reports an error finding or writes files the real tools
// accept (promtool check rules and test rules, JSON dashboards, collector configs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { locateTool } from '../src/cli/real-tools.ts';
import { compileProject } from '../src/pipeline/build-project.ts';
import { valuesProject } from './fixtures/hostile/values.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import { obsgen, tempDir } from './support/cli.ts';

type Values = Record<string, unknown>;

/** The values fixture's project, compiled in process. */
const build = (values: Values) => compileProject(valuesProject(values));

// Each field: values the real tools accept, weighted up, and the ones a cast or plain JavaScript lets in.
const duration = fc.oneof(
  { arbitrary: fc.constantFrom('5m', '1h30m', '30s', '2m'), weight: 3 },
  fc.constantFrom('0s', '30m1h', '5 minutes', '', '-1m', '1.5m', 'P1D', '10', '0'),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 600 }),
);
const number = fc.oneof(
  { arbitrary: fc.constantFrom(1, 2, 50, 99, 99.9), weight: 3 },
  fc.double(),
  fc.constantFrom(0, -1, 100, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom('99', null, undefined, {}),
);
const label = fc.oneof(
  { arbitrary: fc.constantFrom('team', 'tier'), weight: 3 },
  fc.string({ maxLength: 8 }),
  fc.constantFrom('__name__', 'bad-key', '0x'),
);
const text = (valid: string) =>
  fc.oneof({ arbitrary: fc.constant(valid), weight: 3 }, fc.constantFrom('', ' '), fc.string({ maxLength: 8 }));
const fields: readonly (readonly [string, fc.Arbitrary<unknown>])[] = [
  ['for', duration],
  ['at', duration],
  ['interval', duration],
  ['groupInterval', duration],
  ['period', duration],
  ['sloFor', duration],
  ['noDataFor', duration],
  ['scrapeInterval', duration],
  ['checkInterval', duration],
  ['expected', number],
  ['objective', number],
  ['instances', number],
  ['seriesBudget', number],
  ['limitMib', number],
  ['group', text('alerts')],
  ['testName', text('failing')],
  ['title', text('Overview')],
  ['severity', fc.constantFrom('warning', 'critical', 'page', '')],
  [
    'labels',
    fc.dictionary(label, fc.oneof({ arbitrary: fc.string({ maxLength: 6 }), weight: 3 }, fc.integer()), { maxKeys: 2 }),
  ],
  [
    'annotations',
    fc.dictionary(label, fc.oneof({ arbitrary: fc.string({ maxLength: 6 }), weight: 3 }, fc.constant(null)), {
      maxKeys: 2,
    }),
  ],
  [
    'buckets',
    fc.oneof(
      fc.array(fc.double({ noNaN: false }), { maxLength: 4 }),
      fc.constant([0.1, 0.5, 1, 2.5]),
      fc.constant([-1, 0.5, 1]),
      fc.constant([1, 0.5]),
    ),
  ],
];
/** One to three fields changed at a time, so some projects stay valid and the property has something to prove. */
const values: fc.Arbitrary<Values> = fc
  .uniqueArray(fc.integer({ min: 0, max: fields.length - 1 }), { minLength: 1, maxLength: 3 })
  .chain((picked) =>
    fc
      .tuple(...picked.map((index) => fields[index]![1].map((value) => [fields[index]![0], value] as const)))
      .map((pairs) => Object.fromEntries(pairs)),
  );

describe('any value, through the compiler', () => {
  it('never crashes, and with no error finding writes what promtool, JSON and the collector accept', () => {
    const promtool = locateTool('promtool');
    expect(promtool, 'promtool is installed by scripts/ensure-tools.sh').toBeDefined();
    const root = tempDir('values');
    let clean = 0;
    let run = 0;
    fc.assert(
      fc.property(values, (generated) => {
        const compiled = build(generated);
        if (compiled.findings.some((finding) => finding.severity === 'error')) return;
        clean++;
        const out = path.join(root, String(run++));
        for (const file of compiled.files) {
          mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
          writeFileSync(path.join(out, file.path), file.content);
        }
        const rules = compiled.files
          .filter((f) => /^prometheus\/[^/]+\/[^/]+\.rules\.yml$/.test(f.path))
          .map((f) => path.join(out, f.path));
        const checked = spawnSync(promtool!, ['check', 'rules', ...rules], { encoding: 'utf8' });
        expect(checked.status, `${JSON.stringify(generated)}\n${checked.stdout}${checked.stderr}`).toBe(0);
        for (const test of compiled.files.filter((f) => f.path.includes('/tests/') && !f.path.includes('every-'))) {
          const tested = spawnSync(promtool!, ['test', 'rules', path.join(out, test.path)], { encoding: 'utf8' });
          // Failing expectations are findings of obsgen test; a file promtool cannot load is ours.
          expect(`${tested.stdout}${tested.stderr}`, JSON.stringify(generated)).not.toMatch(
            /could not|unmarshal|invalid|parse error|cannot/i,
          );
        }
        for (const board of compiled.files.filter((f) => f.path.endsWith('.json')))
          expect(() => JSON.parse(board.content)).not.toThrow();
        for (const config of compiled.files.filter((f) => f.path.startsWith('otel/')))
          expect(validateCollector(parse(config.content)), JSON.stringify(generated)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(clean, 'some generated projects must be valid, or the property proves nothing').toBeGreaterThan(0);
  });
});

describe('a field a definition does not have (a typo plain JavaScript lets through)', () => {
  it('is definition/unknown-key on an alert, a recording rule, a group and an SLO, with the field it meant', async () => {
    const { alert, catalog, counter, gt, oneOf, project, rate, ratioSli, record, ruleGroup, slo, sum, system } =
      await import('../src/index.ts');
    const shop = catalog('shop', {
      scrapeInterval: '15s',
      instances: 1,
      labels: { code: oneOf('200', '500') },
      metrics: { requests_total: counter({ help: 'Requests.', labels: ['code'] }) },
    });
    const errors = sum(rate(shop.metrics.requests_total.where({ code: '500' }), '5m'));
    const typo = <T>(spec: T, extra: Record<string, unknown>): T => ({ ...spec, ...extra }) as T;
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            rules: [
              ruleGroup(
                'alerts',
                typo(
                  {
                    rules: [
                      alert(
                        'ErrorsHigh',
                        typo(
                          {
                            expr: gt(errors, 1),
                            severity: 'warning',
                            summary: 'Requests fail.',
                            description: 'At {{ $value }}.',
                          },
                          { fro: '5m' },
                        ),
                      ),
                    ],
                  },
                  { intervall: '1m' },
                ),
              ),
              ruleGroup('records', {
                rules: [record('job:requests:rate5m', errors, typo({}, { lables: { a: 'b' } }))],
              }),
            ],
            slos: [
              slo(
                'availability',
                typo(
                  {
                    objective: 99,
                    sli: ratioSli({
                      errors: shop.metrics.requests_total.where({ code: '500' }),
                      total: shop.metrics.requests_total,
                    }),
                  },
                  { perod: '30d' },
                ),
              ),
            ],
          }),
        ],
      }),
    );
    expect(compiled.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([
      'definition/unknown-key ruleGroup("alerts"): intervall is not a key of a rule group (did you mean interval?); obsgen would ignore it.',
      'definition/unknown-key alert("ErrorsHigh"): fro is not a key of an alert (did you mean for?); obsgen would ignore it.',
      'definition/unknown-key record("job:requests:rate5m"): lables is not a key of a recording rule (did you mean labels?); obsgen would ignore it.',
      'definition/unknown-key slo("availability"): perod is not a key of an SLO (did you mean period?); obsgen would ignore it.',
    ]);
    expect(compiled.files).toEqual([]);
  });
});

describe('the values fixture through the CLI', () => {
  it.each([
    [{ for: '5 minutes' }, 'rule/invalid'],
    [{ group: '' }, 'rule/invalid'],
    [{ at: 'ten minutes' }, 'rule/invalid'],
    [{ expected: 'NaN' }, 'rule/invalid'],
    [{ labels: { 'bad-key': 'x' } }, 'rule/invalid'],
    [{ expr: 'sum(rate(requests_total[5m])) > 1' }, 'rule/invalid'],
    [{ expr: null }, 'rule/invalid'],
    [{ period: 'a month' }, 'slo/invalid'],
    [{ sloFor: '5 minutes' }, 'slo/invalid'],
    [{ noDataFor: 30 }, 'slo/invalid'],
    [{ objective: '99' }, 'slo/objective-range'],
    [{ buckets: [-1, 0.5, 1] }, 'catalog/invalid'],
    [{ seriesBudget: -5 }, 'catalog/invalid'],
  ])('%j: exit 1 with %s, nothing written', (given, rule) => {
    const out = path.join(tempDir('values-cli'), 'generated');
    const result = obsgen.withEnv({ OBSGEN_VALUES: JSON.stringify(given) })(
      'build',
      '--definitions',
      'test/fixtures/hostile/values.ts',
      '--out',
      out,
      '--format',
      'json',
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.status).toBe(1);
    expect(
      (JSON.parse(result.stdout) as { findings: { rule: string; severity: string }[] }).findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule),
    ).toContain(rule);
  });
});
