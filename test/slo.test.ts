import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import {
  bounded,
  catalog,
  counter,
  latencySli,
  not,
  oneOf,
  project,
  ratioSli,
  re,
  slo,
  sum,
  rate,
  system,
  type SloSpec,
} from '../src/index.ts';
import { burnConditions } from '../src/derive/slo/burn-conditions.ts';
import { toText } from '../src/derive/slo/decimal.ts';
import { checkout } from './fixtures/slo-catalog.ts';

const m = checkout.metrics;
const availability: SloSpec<'service_name' | 'status_code' | 'tier'> = {
  objective: 99.9,
  sli: ratioSli({ errors: m.requests_total.where({ status_code: re('5..') }), total: m.requests_total }),
  by: ['service_name'],
};

const compile = (...slos: ReturnType<typeof slo>[]) =>
  compileProject(project({ systems: [system({ catalog: checkout, slos })] }));
const file = (compiled: ReturnType<typeof compile>, path: string) =>
  compiled.files.find((f) => f.path === path)?.content ?? '';
const findings = (compiled: ReturnType<typeof compile>) =>
  compiled.findings.map((f) => `${f.severity} ${f.rule} ${f.subject}`);

describe('burn-rate tiers per period (SRE workbook, never below 1)', () => {
  it.each([
    ['30d', 30, ['14.4', '6', '3', '1']],
    ['28d', 28, ['13.44', '5.6', '2.8', '1']],
    ['7d', 7, ['3.36', '1.4', '1', '1']],
  ] as const)('%s', (_, days, factors) => {
    expect(burnConditions(days * 86400).map((c) => toText(c.factor))).toEqual(factors);
  });
});

describe('an SLO compiles to Sloth-compatible rules', () => {
  const compiled = compile(slo('availability', availability));
  const rules = file(compiled, 'prometheus/checkout/slo-availability.rules.yml');
  const period = file(compiled, 'prometheus/checkout/slo-availability.period.rules.yml');
  const both = `${rules}\n${period}`;

  it('has no finding', () => {
    expect(compiled.findings).toEqual([]);
  });

  it('stages the SLI: raw series read once over 5m into bad and total rates, every longer window a ratio of their sums', () => {
    expect(rules).toContain('- record: slo:sli_error_events:rate5m');
    expect(rules).toContain('- record: slo:sli_total_events:rate5m');
    expect(rules).toMatch(
      /record: slo:sli_error:ratio_rate3d\n\s+expr: sum_over_time\(slo:sli_error_events:rate5m\{[^}]*\}\[3d\]\) \/ sum_over_time\(slo:sli_total_events:rate5m\{[^}]*\}\[3d\]\)/,
    );
    expect(period).toMatch(
      /record: slo:sli_error:ratio_rate30d\n\s+expr: sum_over_time\(slo:sli_error_events:rate5m\{[^}]*\}\[30d\]\) \/ sum_over_time\(slo:sli_total_events:rate5m\{[^}]*\}\[30d\]\)/,
    );
    expect(rules.match(/\[3d\]/g)?.length).toBe(2);
    expect(rules).not.toMatch(/rate\([a-z_]+(\{[^}]*\})?\[(30m|1h|2h|6h|1d|3d|30d)\]\)/);
  });

  it('puts what no alert reads (the period window, its burn rate, the budget left) in a group evaluated every 5m', () => {
    expect(period).toMatch(/- name: slo-availability\.period\n\s+interval: 5m\n/);
    expect([...period.matchAll(/- record: (\S+)/g)].map((m) => m[1])).toEqual([
      'slo:sli_error:ratio_rate30d',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
    ]);
    expect(rules).not.toContain('ratio_rate30d');
  });

  it('records the SLI over every window and the period, with Sloth labels', () => {
    for (const window of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) {
      expect(both).toContain(`- record: slo:sli_error:ratio_rate${window}`);
      expect(both).toContain(`sloth_window: ${window}`);
    }
    for (const name of [
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]) {
      expect(both).toContain(`- record: ${name}`);
    }
    expect(rules).toContain('sloth_id: checkout-availability');
    expect(rules).toContain('sloth_service: checkout');
    expect(rules).toContain('sloth_slo: availability');
  });

  it('writes exact decimals', () => {
    expect(rules).toContain('expr: vector(0.999)');
    expect(rules).toContain('expr: vector(0.001)');
    expect(rules).toContain('> 0.0144)');
    expect(rules).toContain('> 0.006)');
    expect(rules).not.toMatch(/\d\.\d*0000000\d/);
    expect(rules).not.toMatch(/99999999/);
  });

  it('pages on 14.4× (1h & 5m) or 6× (6h & 30m), tickets on 3× (1d & 2h) or 1× (3d & 6h)', () => {
    const page = /- alert: AvailabilityFastBurn\n\s+expr: (.*)/.exec(rules)?.[1] ?? '';
    expect(page).toContain(
      'slo:sli_error:ratio_rate5m{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"} > 0.0144',
    );
    expect(page).toContain('ratio_rate1h');
    expect(page).toContain('ratio_rate30m');
    expect(page).toContain('ratio_rate6h');
    const ticket = /- alert: AvailabilitySlowBurn\n\s+expr: (.*)/.exec(rules)?.[1] ?? '';
    for (const text of ['ratio_rate2h', 'ratio_rate1d', 'ratio_rate6h', 'ratio_rate3d', '> 0.003', '> 0.001'])
      expect(ticket).toContain(text);
    expect(rules).toContain('- alert: AvailabilityNoData');
  });

  it('generates at least four tier tests and the no-data tests', () => {
    const tests = compiled.files
      .filter((f) => f.path.startsWith('prometheus/checkout/tests/'))
      .map((f) => f.content)
      .join('\n');
    const names = [...tests.matchAll(/- name: "?([^\n"]+)/g)].map((match) => match[1]);
    expect(names.filter((n) => /FastBurn|SlowBurn/.test(n ?? '')).length).toBeGreaterThanOrEqual(4);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringContaining("AvailabilityNoData: the SLI's series stop"),
        expect.stringContaining('zero traffic stays quiet'),
      ]),
    );
    expect(tests).toContain('evaluation_interval: 5m');
    // Ticket cases over days sample every 2 minutes: the staged 5m rates need two samples in 5m.
    expect(tests).toContain('interval: 2m');
  });

  it('counts its recorded series into the cardinality estimate', () => {
    const contributions = compiled.cardinality.systems[0]?.contributions ?? [];
    expect(contributions.filter((c) => c.name === 'slo:sli_error:ratio_rate5m')).toEqual([
      expect.objectContaining({ series: 2 }),
    ]);
  });
});

describe('SLO checks', () => {
  it('slo/impossible-tier: an 85 % SLO with a 14.4× page', () => {
    const compiled = compile(slo('availability', { ...availability, objective: 85 }));
    expect(findings(compiled)).toEqual(['error slo/impossible-tier checkout/slo/availability']);
    expect(compiled.findings[0]?.message).toContain('14.4× over 1h/5m needs an error ratio of 2.16 (216 %)');
    expect(compiled.findings[0]?.message).toContain('the tier fires on 6× over 6h/30m');
  });

  it('slo/impossible-tier: a whole tier that can never fire', () => {
    const compiled = compile(slo('availability', { ...availability, objective: 50 }));
    expect(compiled.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('The page tier of availability (objective 0.5) can never fire')]),
    );
  });

  it('slo/impossible-tier per group, acknowledged with a reason', () => {
    const compiled = compile(
      slo('success', {
        ...availability,
        by: ['tier'],
        objectives: { label: 'tier', values: { complex: 85 } },
        allow: [{ rule: 'slo/impossible-tier', reason: 'Complex runs page on the 6x condition only.' }],
      }),
    );
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed.map((s) => s.finding.rule)).toEqual(['slo/impossible-tier']);
    expect(file(compiled, 'reports/slo.md')).toContain(
      '| tier in complex | page | 1h | 5m | 2 % | 14.4× | 2.16 | **impossible** |',
    );
  });

  it('slo/objective-range: an objective keyed by a value outside the domain is one finding, at the SLO', () => {
    const compiled = compile(
      slo('success', {
        ...availability,
        by: ['tier'],
        objectives: { label: 'tier', values: { complx: 99 } },
      }),
    );
    expect(findings(compiled)).toEqual(['error slo/objective-range checkout/slo/success']);
    expect(compiled.findings[0]?.message).toContain('tier=complx names a value outside');
    expect(compiled.findings[0]?.hint).toBe('Did you mean complex?');
    expect(compiled.findings[0]?.at.file).toMatch(/slo\.test\.ts$/);
  });

  it.each([
    ['a ratio objective', { objective: 0.999 }],
    ['an objective keyed outside the domain', { by: ['tier'], objectives: { label: 'tier', values: { gold: 99 } } }],
    ['objectives keyed by a label not in by', { objectives: { label: 'tier', values: { complex: 99 } } }],
    ['a 100 % objective', { objective: 100 }],
    ['a one-day period', { period: '1d' }],
  ] as const)('%s: every finding is at the line the user wrote, once per rule', (_, change) => {
    const compiled = compile(slo('mistake', { ...availability, ...(change as Partial<typeof availability>) }));
    expect(compiled.findings.length).toBeGreaterThan(0);
    for (const finding of compiled.findings) expect(finding.at.file, finding.message).toMatch(/slo\.test\.ts$/);
    const rules = compiled.findings.map((f) => f.rule);
    expect(rules).toEqual([...new Set(rules)]);
  });

  it('slo/threshold-not-a-bucket: 1.5 s on buckets without 1.5', () => {
    const compiled = compile(
      slo('latency', { objective: 95, sli: latencySli({ histogram: m.request_duration_seconds, threshold: 1.5 }) }),
    );
    expect(findings(compiled)).toEqual(['error slo/threshold-not-a-bucket checkout/slo/latency']);
    expect(compiled.findings[0]?.hint).toContain('nearest bound (1)');
  });

  it('slo/window-too-short and slo/objective-range', () => {
    expect(findings(compile(slo('availability', { ...availability, period: '1d' })))).toEqual([
      'error slo/window-too-short checkout/slo/availability',
    ]);
    expect(findings(compile(slo('availability', { ...availability, objective: 100 })))).toContain(
      'error slo/objective-range checkout/slo/availability',
    );
  });

  it('slo/sli: an SLI that is not a plain selector', () => {
    const compiled = compile(
      slo('odd', {
        objective: 99,
        sli: ratioSli({ errors: sum(rate(m.requests_total, '5m')) as never, total: m.requests_total }),
      }),
    );
    expect(findings(compiled)).toEqual(['error slo/sli checkout/slo/odd']);
  });

  it('latency SLIs count slow events as total minus the threshold bucket, matching both le spellings', () => {
    const compiled = compile(
      slo('latency', {
        objective: 95,
        sli: latencySli({ histogram: m.request_duration_seconds.where({ service_name: not('cart') }), threshold: 2 }),
      }),
    );
    expect(compiled.findings).toEqual([]);
    const rules = file(compiled, 'prometheus/checkout/slo-latency.rules.yml');
    // Total events are read once (recorded first); slow events are that recording minus the threshold bucket.
    expect(rules).toContain('expr: sum(rate(request_duration_seconds_count{service_name!="cart"}[5m]))');
    expect(rules).toContain(
      'sum(slo:sli_total_events:rate5m{sloth_id="checkout-latency", sloth_service="checkout", sloth_slo="latency"}) - sum(rate(request_duration_seconds_bucket{service_name!="cart", le=~"2(\\\\.0)?"}[5m]))',
    );
  });
});

describe('slo/sli-contradiction', () => {
  const shop = catalog('shop', {
    scrapeInterval: '15s',
    instances: 1,
    labels: { status_code: bounded(20, 'HTTP codes'), outcome: oneOf('success', 'failure'), route: oneOf('/a', '/b') },
    metrics: {
      http_requests_total: counter({ help: 'Requests.', labels: ['status_code', 'route'] }),
      checkouts_total: counter({ help: 'Checkouts.', labels: ['outcome'] }),
    },
  });
  const m = shop.metrics;
  const findingsOf = (sli: Parameters<typeof slo>[1]['sli']) =>
    compileProject(project({ systems: [system({ catalog: shop, slos: [slo('s', { objective: 99, sli })] })] }))
      .findings.filter((f) => f.rule === 'slo/sli-contradiction')
      .map((f) => f.message);

  it.each([
    [
      'errors that pick successes',
      ratioSli({ errors: m.http_requests_total.where({ status_code: re('2..') }), total: m.http_requests_total }),
      'successes, not errors',
    ],
    [
      'good that picks failures',
      ratioSli({ good: m.checkouts_total.where({ outcome: 'failure' }), total: m.checkouts_total }),
      'failures, not successes',
    ],
    [
      'a total that leaves out the errors',
      ratioSli({
        errors: m.http_requests_total.where({ status_code: re('5..') }),
        total: m.http_requests_total.where({ status_code: re('2..') }),
      }),
      'the total leaves out status_code',
    ],
    [
      'a total of one route, errors of all',
      ratioSli({
        errors: m.http_requests_total.where({ status_code: re('5..') }),
        total: m.http_requests_total.where({ route: '/a' }),
      }),
      'the total leaves out route = /b',
    ],
  ])('%s', (_what, sli, message) => {
    expect(findingsOf(sli)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    [
      'errors of 5xx over all',
      ratioSli({ errors: m.http_requests_total.where({ status_code: re('5..') }), total: m.http_requests_total }),
    ],
    [
      'good successes over all',
      ratioSli({ good: m.checkouts_total.where({ outcome: 'success' }), total: m.checkouts_total }),
    ],
    [
      'both narrowed to one route',
      ratioSli({
        errors: m.http_requests_total.where({ status_code: re('5..'), route: '/a' }),
        total: m.http_requests_total.where({ route: '/a' }),
      }),
    ],
  ])('%s is consistent', (_what, sli) => {
    expect(findingsOf(sli)).toEqual([]);
  });
});

describe('objective tiers select their label values exactly', () => {
  const versioned = catalog('versioned', {
    scrapeInterval: '15s',
    instances: 2,
    labels: {
      service_name: bounded(20, 'services'),
      status_code: bounded(10, 'codes'),
      version: oneOf('v1.2', 'v1x2', 'v2'),
    },
    metrics: { requests_total: counter({ help: 'Requests.', labels: ['service_name', 'status_code', 'version'] }) },
  });
  const tiered = (values: Readonly<Record<string, number>>) =>
    compileProject(
      project({
        systems: [
          system({
            catalog: versioned,
            slos: [
              slo('success', {
                objective: 99,
                sli: ratioSli({
                  errors: versioned.metrics.requests_total.where({ status_code: re('5..') }),
                  total: versioned.metrics.requests_total,
                }),
                by: ['version'],
                objectives: { label: 'version', values },
              }),
            ],
          }),
        ],
      }),
    );
  const burnExprs = (compiled: ReturnType<typeof tiered>) =>
    compiled.files
      .filter((f) => f.path.endsWith('slo-success.rules.yml'))
      .flatMap((f) => [...f.content.matchAll(/version[!=~]+"[^"]*"/g)].map((m) => m[0]))
      .filter((matcher, i, all) => all.indexOf(matcher) === i);

  it('one value is an equality matcher (no needless regexp), several are an escaped alternation', () => {
    const one = tiered({ 'v1.2': 95 });
    expect(one.findings.filter((f) => f.rule === 'promql/regexp')).toEqual([]);
    expect(burnExprs(one)).toEqual(['version="v1.2"', 'version!="v1.2"']);
    // v1.2 must not select v1x2: the dot is escaped.
    expect(burnExprs(tiered({ 'v1.2': 95, v2: 95 }))).toEqual(['version=~"v1\\\\.2|v2"', 'version!~"v1\\\\.2|v2"']);
  });
});

describe('slo/invalid: the validation stage refuses an SLO no rule can be built from', () => {
  it.each([
    ['a period that is no duration', { period: 'a month' }, 'period is "a month"'],
    [
      'a page for that is no duration',
      { alerting: { page: { for: '5 minutes' } } },
      'alerting.page.for is "5 minutes"',
    ],
    ['a no-data for that is no text', { alerting: { noData: { for: 30 } } }, 'alerting.noData.for is 30'],
  ])('%s: one error at the SLO, and only that SLO is left out', (_, change, message) => {
    const compiled = compile(
      slo('broken', { ...availability, ...(change as Partial<typeof availability>) }),
      slo('availability', availability),
    );
    expect(findings(compiled)).toEqual(['error slo/invalid checkout/slo/broken']);
    expect(compiled.findings[0]?.message).toContain(message);
    expect(compiled.findings[0]?.at.file).toMatch(/slo\.test\.ts$/);
    const sloRules = compiled.files.map((f) => f.path).filter((p) => p.endsWith('.rules.yml'));
    expect(sloRules.some((p) => p.includes('slo-availability'))).toBe(true);
    expect(sloRules.some((p) => p.includes('slo-broken'))).toBe(false);
  });

  it("a tier's for reaches the generated alert as written", () => {
    const compiled = compile(slo('availability', { ...availability, alerting: { page: { for: '2m' } } }));
    expect(findings(compiled)).toEqual([]);
    const rules = compiled.files.find((f) => f.path.endsWith('slo-availability.rules.yml'))?.content ?? '';
    expect(rules).toMatch(/- alert: AvailabilityFastBurn\n\s+expr: .*\n\s+for: 2m\n/);
  });
});
