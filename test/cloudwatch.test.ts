import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { cfnResourceSchemas } from '../scripts/cfn-schema-extract.ts';
import { alarmShapeProblems } from '../src/check/cloudwatch/cloudwatch-rules.ts';
import { analyzeFields } from '../src/logsinsights/analyze-fields.ts';
import { parseLogsInsights } from '../src/logsinsights/parser.ts';
import type { Project } from '../src/model/system.ts';
import asWritten from './fixtures/seeds/ai-teams-queries-as-written.ts';
import { CORPORA, logsInsightsQueries } from './support/corpus.ts';
import { lineOf } from './support/compile.ts';

const REPO = path.resolve(import.meta.dirname, '..');

describe.each(CORPORA)('the Logs Insights queries of test/%s', (corpus) => {
  const queries = logsInsightsQueries('queries.txt', corpus);

  it('parse with no syntax error and no field finding', () => {
    expect(queries).toHaveLength({ corpus: 95, 'corpus-2': 51 }[corpus]);
    const failures = queries.flatMap(({ query }) => {
      const parsed = parseLogsInsights(query);
      if (!parsed.ok) return [`${parsed.error.message} @${parsed.error.line}:${parsed.error.column} in ${query}`];
      // Without a schema only schema-free checks run; the corpus must pass them all.
      return analyzeFields(parsed.query, undefined).map((p) => `${p.rule}: ${p.message} in ${query}`);
    });
    expect(failures).toEqual([]);
  });
});

describe('the Logs Insights parser', () => {
  it('rejects what the questionable corpus entries get wrong: ==, sort by, unquoted URLs, truncated snippets', () => {
    const rejected = logsInsightsQueries('queries-questionable.txt')
      .filter(({ query }) => !parseLogsInsights(query).ok)
      .map(({ note }) => note);
    expect(rejected).toEqual([
      expect.stringContaining('unquoted URL literal'),
      expect.stringContaining('`sort by <field>`'),
      expect.stringContaining('truncated snippet'),
      expect.stringContaining('`==` comparison'),
    ]);
  });

  it.each([
    "SOURCE logGroups(namePrefix: ['/aws/lambda/a', '/aws/lambda/b']) | filterIndex requestId = 'abc' | fields @timestamp, @message",
    'SOURCE logGroups()',
    "SOURCE logGroups(accountIdentifiers: ['111122223333'], class: ['INFREQUENT_ACCESS']) | stats count(*)",
    "filterIndex region in ['us-east-1', 'us-west-2'] | stats count(*) by region",
    'fields jsonParse(@message) as js | unnest js.events into event | display event.name',
    'fields jsonParse(trimmedData) as accounts | unnest accounts into account | stats sum(account.droppedSpans) as n by account.accountId | sort n desc | limit 10',
    'pattern @message | anomaly',
    'fields a, b | addtotals',
    'fields price, tax, qty | addtotals price, tax',
    'fields val | addtotals fieldname=RowSum | sort RowSum desc',
    'fields x | addtotals col=true x | filter Total > 10',
    "filter status >= 500 | join type=inner left=api right=lambda where api.requestId=lambda.requestId (SOURCE '/aws/lambda/my-function') | fields api.requestId, lambda.duration | sort api.latency desc",
    "filter eventType = 'ORDER_CREATED' | join type=left left=order right=payment where order.transactionId=payment.transactionId and order.region=payment.region (SOURCE '/ecs/payments')",
    'fields id | lookup user_data id as id OUTPUT name, email, department | stats count(*) by department',
    'lookup error-codes code as errorCode, region as awsRegion OUTPUT description | display errorCode, description',
    'filter requestId in (\n    SOURCE \'/aws/lambda/database-service\'\n    | filter errorType = "DatabaseConnectionTimeout"\n    | fields requestId\n)\n| fields @timestamp, requestId\n| sort @timestamp desc',
    'filter userId not in (filter level = "ERROR" and service in (filter x > 1 | fields service) | fields userId) | stats count(*)',
    'fields jsonParse(@message) as json_message | filter json_message.users[1].action = "PutData"',
    'fields jsonParse(@message) as m | filter m.`special.char`.name = "x" and m.list[0][1] > 2 | display m.attributes.`a-b`',
  ])(
    'reads the commands of the current reference (SOURCE, filterIndex, unnest, anomaly, addtotals, join, lookup, subqueries): %s',
    (query) => {
      const parsed = parseLogsInsights(query);
      expect(parsed.ok && analyzeFields(parsed.query, undefined)).toEqual([]);
    },
  );

  it.each([
    ['fields @message | SOURCE logGroups()', 'SOURCE selects the log groups and comes first'],
    ["SOURCE logGroups(prefix: ['x'])", 'a logGroups selector (namePrefix, accountIdentifiers, class, logGroupClass)'],
    ['SOURCE logGroups(namePrefix: x)', "namePrefix takes a list of strings: namePrefix: ['…']"],
    ['fields a | unnest a as b', 'unnest takes a field, then into <name>'],
    ['fields x | addtotals colour=true', 'an addtotals option (fieldname, row, col)'],
    ['fields x | addtotals row=maybe', 'row=true or row=false'],
    ["fields a | join left=x right=y where x.a=z.b (SOURCE 'g')", 'a join key: x.<field>=y.<field>'],
    ["fields a | join type=outer left=x right=y where x.a=y.b (SOURCE 'g')", 'type=inner or type=left'],
    ["fields a | join right=y where x.a=y.b (SOURCE 'g')", 'join names both sides: left=<alias> right=<alias>'],
    ['fields a | join left=x right=y where x.a=y.b', "(SOURCE '<log group>')"],
    ['fields id | lookup users id OUTPUT name', 'as <the log field that id matches>'],
    ['fields id | lookup users id as id OUTPUTNEW name', 'OUTPUT <table field>, … after the matched fields'],
    ['fields id | lookup users.csv id as id OUTPUT name', "lookup takes the lookup table's name"],
    ['fields id in (filter a = 1 | fields id)', 'a ( subquery ) is allowed only in filter'],
    ['filter id in (filter a = 1 | fields id', 'expected | or ) to close the subquery'],
    ['filter id in (id)', 'expected a command'],
    ["filter id in (SOURCE '/g' fields id)", "a subquery's SOURCE is followed by | and its commands"],
    ['filter id in (fields a | SOURCE logGroups())', 'SOURCE selects the log groups and comes first'],
  ])('names what is wrong with them: %s', (query, message) => {
    const parsed = parseLogsInsights(query);
    expect(parsed.ok ? '' : parsed.error.message).toContain(message);
  });

  it('follows fields through lookup and subqueries: table outputs exist downstream, a subquery over the same groups is checked, one over another SOURCE is not', () => {
    const schema = new Map([
      ['userId', { type: 'string' as const }],
      ['latencyMs', { type: 'number' as const }],
    ]);
    const findings = (text: string) => {
      const parsed = parseLogsInsights(text);
      if (!parsed.ok) return [parsed.error.message];
      return analyzeFields(parsed.query, schema).map((p) => `${p.rule}: ${text.slice(p.offset).split(/[\s|)]/)[0]}`);
    };
    expect(findings('lookup users user_id as userId OUTPUT team | stats avg(latencyMs) by team')).toEqual([]);
    expect(findings('lookup users user_id as userID OUTPUT team')).toEqual(['cloudwatch/unknown-field: userID']);
    expect(findings('stats count(*) by team | lookup users user_id as userId OUTPUT team')).toEqual([
      'cloudwatch/unknown-field: team',
      'cloudwatch/unknown-field: userId',
    ]);
    expect(findings('filter userId in (filter latencyMs > 100 | fields userId)')).toEqual([]);
    expect(findings('filter userId in (filter latency > 100 | fields userId)')).toEqual([
      'cloudwatch/unknown-field: latency',
    ]);
    expect(findings("filter userId in (SOURCE '/other' | filter latency > 100 | fields userId)")).toEqual([]);
    expect(findings("filter user in (SOURCE '/other' | fields userId)")).toEqual(['cloudwatch/unknown-field: user']);
  });

  it('reads into values the query made (jsonParse, unnest) without a finding, but not into schema fields or unknown roots', () => {
    const schema = new Map([
      ['request.method', { type: 'string' as const }],
      ['items', { type: 'string' as const }],
    ]);
    const findings = (text: string) => {
      const parsed = parseLogsInsights(text);
      if (!parsed.ok) return [parsed.error.message];
      return analyzeFields(parsed.query, schema).map((p) => `${p.rule}: ${text.slice(p.offset).split(/[\s|.[]/)[0]}`);
    };
    expect(findings('fields jsonParse(@message) as j | stats count(*) by j.status_code')).toEqual([]);
    expect(findings('fields jsonParse(@message) as j | filter j.users[1].action = "x"')).toEqual([]);
    expect(findings('fields jsonParse(items) as list | unnest list into item | display item.name')).toEqual([]);
    expect(findings('filter request.methd = "GET"')).toEqual(['cloudwatch/unknown-field: request']);
    expect(findings('filter k.users[1].action = "x"')).toEqual(['cloudwatch/unknown-field: k']);
  });

  it('reports an unclosed string at its line and column', () => {
    const parsed = parseLogsInsights('fields @timestamp\n| filter level = "ERROR\n| limit 5');
    expect(parsed).toMatchObject({
      ok: false,
      error: { line: 2, column: 18, message: expect.stringContaining('unclosed string') },
    });
  });

  it('reads keywords in any case, comments, backticks, placeholders, lists, regexes and bin units', () => {
    const parsed = parseLogsInsights(
      [
        'FIELDS @timestamp, `detail-type` as dt # a comment | not a command',
        '| Filter dt in ["a", "b"] AND @message NOT LIKE /(?i)timeout/ and id = {{id}}',
        '| parse @message /took (?<ms>\\d+) ms/',
        '| stats avg(ms) as avg_ms, pct(ms, 99) by bin(1min)',
        '| sort avg_ms DESC | limit 10',
      ].join('\n'),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query.commands.map((c) => c.command)).toEqual([
      'fields',
      'filter',
      'parse',
      'stats',
      'sort',
      'limit',
    ]);
  });

  it('names what is wrong: unknown command, unknown function, bad bin unit, aggregation outside stats', () => {
    const error = (text: string) => {
      const parsed = parseLogsInsights(text);
      return parsed.ok ? 'parsed' : `${parsed.error.column}: ${parsed.error.message}`;
    };
    expect(error('fields a | where a = 1')).toMatch(/^12: unexpected "where": expected a command/);
    expect(error('stats avrg(x) by y')).toMatch(/^7: unknown function avrg\(\); did you mean avg\(\)\?/);
    expect(error('stats count(*) by bin(5minutes)')).toBe('parsed');
    expect(error('stats count(*) by bin(5x)')).toMatch(/unknown time unit in 5x/);
    expect(error('stats count() by u | sort count() desc')).toMatch(
      /^27: count\(\) is an aggregation and cannot be used in sort/,
    );
    expect(error('filter avg(x) > 1')).toMatch(/avg\(\) is an aggregation/);
    expect(error('stats pct(x)')).toMatch(/pct\(\) takes 2 arguments, got 1/);
    expect(error('')).toMatch(/empty query/);
  });
});

describe('cloudwatch/* fixtures produce exactly their finding', () => {
  const fixtures = [
    'logs-syntax',
    'unknown-field',
    'field-type',
    'parse-aliases',
    'dimension-mismatch',
    'alarm-shape',
    'duplicate-name',
    'widget-parameter',
    'resource-schema',
  ];
  for (const name of fixtures) {
    it(`cloudwatch/${name}`, async () => {
      const fixture = (await import(`./fixtures/cloudwatch/${name}.ts`)) as { default: Project };
      const findings = compileProject(fixture.default).findings;
      expect([...new Set(findings.map((f) => f.rule))]).toEqual([`cloudwatch/${name}`]);
      for (const finding of findings) {
        expect(finding.at.file).toBe(`test/fixtures/cloudwatch/${name}.ts`);
        expect(finding.hint).not.toBe('');
      }
    });
  }

  it('the unclosed string is reported at its source line with the column in the query', async () => {
    const fixture = (await import('./fixtures/cloudwatch/logs-syntax.ts')) as { default: Project };
    const [finding] = compileProject(fixture.default).findings;
    const source = readFileSync(path.join(REPO, 'test/fixtures/cloudwatch/logs-syntax.ts'), 'utf8');
    expect(finding?.at.line).toBe(lineOf(source, '| filter level = "ERROR'));
    expect(finding?.message).toContain('(query line 2, column 18)');
  });
});

describe("AI Teams' four queries as the document writes them", () => {
  it('only Query 4 is rejected: it sorts by count(), an aggregation outside stats', () => {
    const findings = compileProject(asWritten).findings.filter((f) => f.rule.startsWith('cloudwatch/'));
    const source = readFileSync(path.join(REPO, 'test/fixtures/seeds/ai-teams-queries-as-written.ts'), 'utf8');
    expect(findings.map((f) => ({ rule: f.rule, subject: f.subject, line: f.at.line }))).toEqual([
      {
        rule: 'cloudwatch/logs-syntax',
        subject: 'ai-teams/logs-query/Query 4: User Activity Tracking',
        line: lineOf(source, '| sort count() desc'),
      },
    ]);
  });
});

describe('alarm shape', () => {
  const metric = (id: string, returnData = false) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'N', MetricName: 'm' }, Period: 60, Stat: 'Sum' },
    ReturnData: returnData,
  });
  it('accepts a plain metric alarm and a metric-math alarm', () => {
    expect(alarmShapeProblems({ MetricName: 'm', Namespace: 'N', Statistic: 'Sum', Period: 300 })).toEqual([]);
    expect(alarmShapeProblems({ Metrics: [metric('a'), { Id: 'e', Expression: 'a * 2', ReturnData: true }] })).toEqual(
      [],
    );
  });
  it('reports each invalid combination', () => {
    expect(
      alarmShapeProblems({
        Metrics: Array.from({ length: 10 }, (_, i) => metric(`m${i}`)).concat({
          Id: 'e',
          Expression: 'm0',
          ReturnData: true,
        } as never),
      }),
    ).toEqual([expect.stringContaining('11 metrics and expressions')]);
    expect(
      alarmShapeProblems({ Metrics: [metric('a', true), { Id: 'e', Expression: 'a', ReturnData: true }] }),
    ).toEqual([expect.stringContaining('a, e return data')]);
    expect(
      alarmShapeProblems({
        Metrics: [
          { Id: 'e', Expression: '1' },
          { Id: 'f', Expression: 'e' },
        ],
      }),
    ).toEqual([expect.stringContaining('exactly one')]);
    expect(alarmShapeProblems({ MetricName: 'm', Metrics: [{ Id: 'e', Expression: '1', ReturnData: true }] })).toEqual([
      expect.stringContaining('Metrics is combined with MetricName'),
    ]);
    expect(alarmShapeProblems({ MetricName: 'm', Period: 45 })).toEqual(['Period 45 is not allowed']);
    expect(alarmShapeProblems({ MetricName: 'm', Period: 20 })).toEqual([]);
    expect(alarmShapeProblems({ Metrics: [{ ...metric('Bad'), ReturnData: true }] })).toEqual([
      expect.stringContaining('metric id Bad'),
    ]);
  });
});

describe('generated CloudFormation and Terraform', () => {
  it('the committed resource schemas are what the AWS CDK service spec says today', async () => {
    const committed = JSON.parse(readFileSync(path.join(REPO, 'src/aws/cfn-resource-schemas.json'), 'utf8')) as unknown;
    expect(await cfnResourceSchemas()).toEqual(committed);
  });
});

describe('the precompiled resource validators the package ships', () => {
  it('give the verdicts and errors the validators compiled from the schemas give (good and broken resources)', async () => {
    const { createRequire } = await import('node:module');
    const { Ajv } = await import('ajv');
    const { VALIDATOR_OPTIONS, validatorSchemas } = await import('../src/aws/resource-schema.ts');
    const shipped = createRequire(import.meta.url)(path.join(REPO, 'dist/cfn-validators.cjs')) as {
      cfn: Record<string, (data: unknown) => boolean> & Record<string, { errors?: unknown }>;
      tf: Record<string, (data: unknown) => boolean>;
    };
    const ajv = new Ajv(VALIDATOR_OPTIONS);
    const samples = [
      { Name: 'q', QueryString: 'fields @message', LogGroupNames: ['/app'] },
      { Name: 'q' },
      { AlarmName: 'a', ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Threshold: 1, Unknown: true },
      { DashboardName: 'd', DashboardBody: '{}' },
      { name: 'q', query_string: 'fields @message' },
      { alarm_name: 1 },
    ];
    for (const [kind, schemas] of Object.entries(validatorSchemas()) as ['cfn' | 'tf', ReadonlyMap<string, object>][]) {
      for (const [type, schema] of schemas) {
        const compiled = ajv.compile(schema);
        const precompiled = shipped[kind][type] as unknown as ((data: unknown) => boolean) & { errors?: unknown };
        expect(precompiled, `${kind} ${type}`).toBeTypeOf('function');
        for (const sample of samples) {
          expect(precompiled(sample), `${kind} ${type} ${JSON.stringify(sample)}`).toBe(compiled(sample));
          expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null);
        }
      }
    }
  });
});
