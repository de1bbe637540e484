import type { RuleIdOf } from '../../rule-id.ts';
import { artifactsOf } from '../../compile/system-artifacts.ts';
import { logicalId } from '../../derive/artifact-names.ts';
import { parseOf } from '../../derive/logs-query-parses.ts';
import { checkCloudFormation, checkTerraform } from '../../aws/resource-schema.ts';
import { snakeCase } from '../../text/snake-case.ts';
import { textSpan } from '../../finding.ts';
import { analyzeFields, type FieldProblem } from '../../logsinsights/analyze-fields.ts';
import { placeholderNames } from '../../logsinsights/placeholder-names.ts';
import type { EmfMetricStat, LogsQueryDefinition, MetricStat } from '../../model/cloudwatch.ts';
import type { LogFieldSpec } from '../../model/log-schema.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { System } from '../../model/system.ts';
import type { CheckContext, CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

/** A line inside a query written at `at`: the query's first line is the definition's line. */
function lineIn(at: SourceLocation, line: number): SourceLocation {
  return {
    get file() {
      return at.file;
    },
    get line() {
      return at.line + line - 1;
    },
  };
}

interface QueryAnalysis {
  readonly system: System;
  readonly query: LogsQueryDefinition;
  readonly syntax: { message: string; offset: number } | undefined;
  readonly fields: readonly FieldProblem[];
}

/** Every saved query field-checked (once per context: four rules read it). */
function analyzeQueries(context: CheckContext): QueryAnalysis[] {
  return context.project.systems.flatMap((system) =>
    (system.cloudwatch?.queries ?? []).map((query) => {
      const parsed = parseOf(context.logsQueries, query.query);
      if (!parsed.ok) return { system, query, syntax: parsed.error, fields: [] };
      const schema = new Map<string, LogFieldSpec>();
      for (const group of query.logGroups) for (const [path, spec] of group.schema.fields) schema.set(path, spec);
      return {
        system,
        query,
        syntax: undefined,
        fields: analyzeFields(parsed.query, query.logGroups.length === 0 ? undefined : schema),
      };
    }),
  );
}

function queryFinding(
  a: QueryAnalysis,
  rule: RuleIdOf<'cloudwatch'>,
  message: string,
  offset: number,
  hint: string,
): RuleFinding {
  const subject = subjectOf.logsQuery(a.system.name, a.query.name);
  const span = textSpan(a.query.query.text, offset);
  return {
    rule,
    severity: 'error',
    message: `${a.query.name}: ${message} (query line ${span.line}, column ${span.column})`,
    source: { text: a.query.query.text, span },
    subject,
    at: lineIn(a.query.query.at, span.line),
    hint,
    allowedBy: [subject],
  };
}

const logsSyntaxRule: CheckRule = {
  id: 'cloudwatch/logs-syntax',
  description:
    'A Logs Insights query that does not parse: unknown command or function, unclosed string or regex, misplaced aggregation. Reports line and column.',
  check: (context) =>
    context
      .once(analyzeQueries)
      .flatMap((a) =>
        a.syntax === undefined
          ? []
          : [
              queryFinding(
                a,
                'cloudwatch/logs-syntax',
                a.syntax.message,
                a.syntax.offset,
                'Logs Insights reference: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html',
              ),
            ],
      ),
};

function fieldRule(id: FieldProblem['rule'], description: string): CheckRule {
  return {
    id,
    description,
    check: (context) =>
      context
        .once(analyzeQueries)
        .flatMap((a) =>
          a.fields
            .filter((problem) => problem.rule === id)
            .map((problem) => queryFinding(a, id, problem.message, problem.offset, problem.hint)),
        ),
  };
}

function emfStats(system: System): { stat: EmfMetricStat; owner: string; at: SourceLocation }[] {
  const cw = system.cloudwatch;
  if (cw === undefined) return [];
  const isEmf = (stat: MetricStat | { kind: 'expression' }): stat is EmfMetricStat => stat.kind === 'emf';
  return [
    ...cw.alarms.flatMap((alarm) =>
      [alarm.metric, ...Object.values(alarm.math ?? {})]
        .filter((s): s is EmfMetricStat => s !== undefined && isEmf(s))
        .map((stat) => ({ stat, owner: subjectOf.alarm(system.name, alarm.name), at: alarm.at })),
    ),
    ...cw.dashboards.flatMap((dashboard) =>
      dashboard.widgets.flatMap((widget) =>
        widget.type === 'metric'
          ? widget.metrics.filter(isEmf).map((stat) => ({
              stat,
              owner: subjectOf.cloudwatchDashboard(system.name, dashboard.name),
              at: dashboard.at,
            }))
          : [],
      ),
    ),
  ];
}

const dimensionMismatchRule: CheckRule = {
  id: 'cloudwatch/dimension-mismatch',
  description:
    'A catalog metric used in CloudWatch with a dimension set its `cloudwatch` export does not publish (or a metric not exported at all): the alarm or widget would see no data.',
  check: (context) =>
    context.project.systems.flatMap((system) =>
      emfStats(system).flatMap(({ stat, owner, at }): RuleFinding[] => {
        const exported = stat.metric.spec.cloudwatch;
        const used = Object.keys(stat.dimensions).sort();
        const shown = `[${used.join(', ')}]`;
        if (exported === undefined) {
          return [
            {
              rule: 'cloudwatch/dimension-mismatch',
              severity: 'error',
              message: `${owner} reads ${stat.metric.name} from CloudWatch, but the catalog does not export it (no cloudwatch entry).`,
              subject: owner,
              at,
              hint: `Add cloudwatch: { namespace, dimensions: [${shown}] } to ${stat.metric.key} in the catalog, so the collector publishes it.`,
              allowedBy: [owner],
            },
          ];
        }
        const declared = exported.dimensions.map((set) => [...set].sort());
        if (declared.some((set) => set.length === used.length && set.every((name, i) => name === used[i]))) return [];
        return [
          {
            rule: 'cloudwatch/dimension-mismatch',
            severity: 'error',
            message: `${owner} reads ${exported.namespace}/${stat.metric.otelName ?? stat.metric.name} with dimensions ${shown}, which the catalog does not publish.`,
            subject: owner,
            at,
            hint: `EMF publishes only the declared sets: ${declared.map((set) => `[${set.join(', ')}]`).join(', ')}. Use one of them, or declare ${shown} in the metric's cloudwatch.dimensions.`,
            allowedBy: [owner],
          },
        ];
      }),
    ),
};

/** Statistics that read the size of each published value, which for a delta counter is the export interval's share. */
const PER_VALUE_STATISTICS = (statistic: string): boolean => statistic !== 'Sum' && statistic !== 'SampleCount';

const counterStatisticRule: CheckRule = {
  id: 'cloudwatch/statistic',
  description:
    'A catalog counter read in CloudWatch with a statistic other than Sum (or SampleCount): awsemf publishes a counter as the increase of each export interval, so Average, Minimum, Maximum and percentiles describe export batches, not the events of the period.',
  check: (context) =>
    context.project.systems.flatMap((system) =>
      emfStats(system)
        .filter(({ stat }) => stat.metric.kind === 'counter' && PER_VALUE_STATISTICS(stat.statistic))
        .map(({ stat, owner, at }): RuleFinding => ({
          rule: 'cloudwatch/statistic',
          severity: 'warning',
          message: `${owner} reads the counter ${stat.metric.name} with statistic ${stat.statistic}; CloudWatch holds one value per export interval (the increase since the last one), so ${stat.statistic} depends on how often the collector exports.`,
          subject: owner,
          at,
          hint: `Use statistic: 'Sum' (the events of each period); for a ratio divide two Sums with metric math.`,
          allowedBy: [owner],
        })),
    ),
};

const PERIOD_HINT = 'Periods are 10, 20 or 30 seconds (high-resolution metrics) or a multiple of 60.';
const validPeriod = (period: unknown): boolean =>
  typeof period !== 'number' || [10, 20, 30].includes(period) || (period > 0 && period % 60 === 0);

/** What PutMetricAlarm rejects, read from the properties that will be deployed (escape hatch included). */
export function alarmShapeProblems(properties: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const metrics = Array.isArray(properties.Metrics) ? (properties.Metrics as Record<string, unknown>[]) : undefined;
  const single = ['MetricName', 'Namespace', 'Dimensions', 'Statistic', 'ExtendedStatistic', 'Period'].filter(
    (key) => properties[key] !== undefined,
  );
  if (metrics !== undefined && single.length > 0)
    problems.push(`Metrics is combined with ${single.join(', ')}; an alarm is either one metric or metric math`);
  if (metrics === undefined && properties.MetricName === undefined)
    problems.push('neither MetricName nor Metrics is set');
  if (properties.Statistic !== undefined && properties.ExtendedStatistic !== undefined)
    problems.push('both Statistic and ExtendedStatistic are set');
  if (!validPeriod(properties.Period)) problems.push(`Period ${String(properties.Period)} is not allowed`);
  problems.push(...evaluationWindowProblems(properties, metrics));
  if (metrics !== undefined) {
    if (metrics.length > 10) problems.push(`${metrics.length} metrics and expressions; an alarm allows at most 10`);
    const returning = metrics.filter((m) => m.ReturnData !== false).map((m) => String(m.Id));
    if (returning.length !== 1)
      problems.push(
        `${returning.length === 0 ? 'no entry' : returning.join(', ')} ${returning.length === 1 ? 'returns' : 'return'} data; exactly one metric or expression must have ReturnData true (a missing ReturnData counts as true)`,
      );
    for (const m of metrics) {
      if (typeof m.Id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(m.Id))
        problems.push(
          `metric id ${String(m.Id)} must start with a lower-case letter and contain only letters, digits and _`,
        );
      const stat = m.MetricStat as Record<string, unknown> | undefined;
      if ((m.Expression === undefined) === (stat === undefined))
        problems.push(`${String(m.Id)} must have exactly one of Expression and MetricStat`);
      if (!validPeriod(stat?.Period))
        problems.push(`${String(m.Id)} has period ${String(stat?.Period)}, which is not allowed`);
    }
  }
  return problems;
}

/**
 * CloudWatch evaluates at most one day of periods (seven days when the period is an hour or
 * more), and never more datapoints than it evaluates.
 */
function evaluationWindowProblems(
  properties: Record<string, unknown>,
  metrics: readonly Record<string, unknown>[] | undefined,
): string[] {
  const evaluations = properties.EvaluationPeriods;
  if (typeof evaluations !== 'number') return [];
  const periods = [
    properties.Period,
    ...(metrics ?? []).map((m) => (m.MetricStat as Record<string, unknown> | undefined)?.Period),
  ].filter((p): p is number => typeof p === 'number');
  const problems: string[] = [];
  if (periods.length > 0) {
    const period = Math.max(...periods);
    const limit = period >= 3600 ? 7 * 86400 : 86400;
    if (evaluations * period > limit)
      problems.push(
        `${evaluations} evaluation periods of ${period} s look back ${evaluations * period} s; CloudWatch evaluates at most ${limit === 86400 ? 'one day (86400 s)' : 'seven days (604800 s) with periods of an hour or more'}`,
      );
  }
  const datapoints = properties.DatapointsToAlarm;
  if (typeof datapoints === 'number' && datapoints > evaluations)
    problems.push(`DatapointsToAlarm ${datapoints} is more than EvaluationPeriods ${evaluations}`);
  return problems;
}

const alarmShapeRule: CheckRule = {
  id: 'cloudwatch/alarm-shape',
  description:
    'An alarm CloudWatch rejects: more than 10 metrics/expressions, not exactly one ReturnData, Metrics mixed with MetricName, a period not 10/20/30 or a multiple of 60, evaluation periods looking back more than a day (seven with hourly periods), a bad metric id.',
  check: (context) =>
    context.project.systems.flatMap((system) =>
      (system.cloudwatch?.alarms ?? []).flatMap((alarm) => {
        const subject = subjectOf.alarm(system.name, alarm.name);
        const properties =
          artifactsOf(context.artifacts, system).cloudformation?.Resources[logicalId('Alarm', alarm.name)]
            ?.Properties ?? {};
        return alarmShapeProblems(properties).map((problem): RuleFinding => ({
          rule: 'cloudwatch/alarm-shape',
          severity: 'error',
          message: `alarm ${alarm.name}: ${problem}.`,
          subject,
          at: alarm.at,
          hint: problem.includes('look back')
            ? 'Shorten for (evaluation periods = for / period), or use a longer period: for at most one day, or seven days with periods of an hour or more.'
            : problem.includes('period') || problem.includes('Period')
              ? PERIOD_HINT
              : 'See PutMetricAlarm: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html',
          allowedBy: [subject],
        }));
      }),
    ),
};

const resourceSchemaRule: CheckRule = {
  id: 'cloudwatch/resource-schema',
  description:
    'A generated CloudFormation or Terraform resource does not match the AWS resource definition (from the AWS CDK service spec): unknown property, wrong type, missing required property.',
  check: (context) =>
    context.project.systems.flatMap((system) => {
      const { cloudformation: template, terraform } = artifactsOf(context.artifacts, system);
      if (template === undefined || terraform === undefined) return [];
      const cw = system.cloudwatch!;
      // Findings point at the definition of the resource, found by its logical id (or Terraform name).
      const owners = new Map<string, { at: SourceLocation; subject: string }>();
      const own = (id: string, owner: { at: SourceLocation; subject: string }): void => {
        owners.set(id, owner);
      };
      for (const query of cw.queries)
        own(logicalId('Query', query.name), { at: query.at, subject: subjectOf.logsQuery(system.name, query.name) });
      for (const alarm of cw.alarms)
        own(logicalId('Alarm', alarm.name), { at: alarm.at, subject: subjectOf.alarm(system.name, alarm.name) });
      for (const dashboard of cw.dashboards)
        own(logicalId('Dashboard', dashboard.name), {
          at: dashboard.at,
          subject: subjectOf.cloudwatchDashboard(system.name, dashboard.name),
        });
      for (const [id, owner] of [...owners]) owners.set(snakeCase(id), owner);
      const fallback = { at: cw.at, subject: `${system.name}/cloudwatch` };
      return [
        ...checkCloudFormation(template),
        ...checkTerraform(terraform as { resource?: Record<string, Record<string, unknown>> }),
      ].map((problem): RuleFinding => {
        const owner = owners.get(problem.resource.split('.').at(-1)!) ?? fallback;
        return {
          rule: 'cloudwatch/resource-schema',
          severity: 'error',
          message: `${problem.format} ${problem.resource}: ${problem.message}.`,
          subject: owner.subject,
          at: owner.at,
          hint: 'Fix the property (usually set through the properties escape hatch); names and types follow the AWS resource definition.',
          allowedBy: [owner.subject],
        };
      });
    }),
};

const duplicateNameRule: CheckRule = {
  id: 'cloudwatch/duplicate-name',
  description:
    'Two queries, alarms or dashboards of a system whose names give one CloudFormation logical id (or one alarm name): the later replaces the earlier.',
  check: (context) =>
    context.project.systems.flatMap((system) => {
      const cw = system.cloudwatch;
      if (cw === undefined) return [];
      const entries = [
        ...cw.queries.map((q) => ({
          id: logicalId('Query', q.name),
          name: q.name,
          at: q.at,
          subject: subjectOf.logsQuery(system.name, q.name),
        })),
        ...cw.alarms.map((a) => ({
          id: logicalId('Alarm', a.name),
          name: a.name,
          at: a.at,
          subject: subjectOf.alarm(system.name, a.name),
        })),
        ...cw.dashboards.map((d) => ({
          id: logicalId('Dashboard', d.name),
          name: d.name,
          at: d.at,
          subject: subjectOf.cloudwatchDashboard(system.name, d.name),
        })),
      ];
      const first = new Map<string, (typeof entries)[number]>();
      return entries.flatMap((entry): RuleFinding[] => {
        const earlier = first.get(entry.id);
        if (earlier === undefined) {
          first.set(entry.id, entry);
          return [];
        }
        return [
          {
            rule: 'cloudwatch/duplicate-name',
            severity: 'error',
            message: `"${entry.name}" and "${earlier.name}" (at ${earlier.at.file}:${earlier.at.line}) both become ${entry.id} in ${system.name}'s template.`,
            subject: entry.subject,
            at: entry.at,
            hint: 'Give each query, alarm and dashboard of a system a distinct name (letters and digits decide).',
            allowedBy: [entry.subject],
          },
        ];
      });
    }),
};

const widgetParameterRule: CheckRule = {
  id: 'cloudwatch/widget-parameter',
  description:
    'A dashboard log widget runs a query with a {{parameter}}: a dashboard has no way to fill it in, so the widget fails.',
  check: (context) =>
    context.project.systems.flatMap((system) =>
      (system.cloudwatch?.dashboards ?? []).flatMap((dashboard) =>
        dashboard.widgets.flatMap((widget): RuleFinding[] => {
          if (widget.type !== 'log') return [];
          const parsed = parseOf(context.logsQueries, widget.query.query);
          if (!parsed.ok || placeholderNames(parsed.query).length === 0) return [];
          const subject = subjectOf.cloudwatchDashboard(system.name, dashboard.name);
          return [
            {
              rule: 'cloudwatch/widget-parameter',
              severity: 'error',
              message: `log widget "${widget.title}" runs ${widget.query.name}, which has a {{parameter}}.`,
              subject,
              at: dashboard.at,
              hint: 'Chart a query without parameters (filter on a fixed value), and keep the parameterised one as a saved query.',
              allowedBy: [subject],
            },
          ];
        }),
      ),
    ),
};

export const CLOUDWATCH_RULES: readonly CheckRule[] = [
  logsSyntaxRule,
  fieldRule(
    'cloudwatch/unknown-field',
    "A query uses a field that is neither in its log groups' schema nor created earlier (parse, as); field names are case-sensitive.",
  ),
  fieldRule(
    'cloudwatch/field-type',
    'A numeric comparison, arithmetic or numeric aggregate (avg, sum, pct) on a string or boolean field.',
  ),
  fieldRule(
    'cloudwatch/parse-aliases',
    'parse with a glob pattern whose number of * differs from the names after as (or a regex without named groups).',
  ),
  dimensionMismatchRule,
  counterStatisticRule,
  alarmShapeRule,
  duplicateNameRule,
  widgetParameterRule,
  resourceSchemaRule,
];
