// AI Teams' own expectations (docs/seeds/001-ai-teams.txt): its dashboards, the 10,000-series
// budget, grouped SLO thresholds, the collector's label drops and the CloudWatch resources.
import { alertmanager, compileProject, project, receiver } from 'obsgen';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { aiTeamsRoute } from './alerting.ts';
import aiTeams from './index.ts';

const compiled = compileProject(project({ systems: [aiTeams] }));
const file = (path: string): string => compiled.files.find((f) => f.path === path)!.content;
const name = aiTeams.name;
type PanelJson = {
  type: string;
  title: string;
  targets?: { expr: string }[];
  fieldConfig: {
    defaults: { thresholds?: { steps: { value: number | null }[] }; custom?: { thresholdsStyle?: { mode: string } } };
  };
};
const panels = (dashboard: string): PanelJson[] =>
  (JSON.parse(file(`grafana/${name}/${dashboard}.json`)) as { panels: PanelJson[] }).panels;

describe('AI Teams', () => {
  it('builds alone with no finding; each suppression carries its reason', () => {
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed.map((s) => `${s.finding.rule} ${s.finding.subject}`).sort()).toEqual([
      'cardinality/metric-budget ai-teams/metric/endpoint_usage_total',
      'cardinality/metric-budget ai-teams/metric/request_count_total',
      'slo/impossible-tier ai-teams/slo/workflow-success',
    ]);
  });

  it('stays inside its 10,000-series Grafana Cloud budget with room to grow', () => {
    const estimate = compiled.cardinality.systems.find((s) => s.system.name === name)!;
    expect(estimate.budget).toBe(10_000);
    expect(estimate.series).toBeLessThan(0.8 * 10_000);
  });

  it.each([
    [
      'service-health',
      ['Request Rate', 'Error Rate', 'Latency Distribution', 'Active Requests', 'Service Availability'],
    ],
    ['workflow-execution', ['Execution Rate', 'Success Rate', 'Execution Duration', 'Execution Duration Distribution']],
    ['ai-model-usage', ['Request Rate', 'Token Consumption', 'Cost Tracking', 'Error Rate']],
    [
      'infrastructure',
      [
        'CPU',
        'Memory',
        'Running tasks',
        'Request count',
        'Response time p95',
        'Healthy targets',
        'Log ingestion',
        'Ingested today',
      ],
    ],
  ])('dashboard %s has the panels the document lists', (dashboard, expected) => {
    expect(
      panels(dashboard)
        .filter((p) => p.type !== 'row')
        .map((p) => p.title),
    ).toEqual(expected);
  });

  it('draws each burn-rate condition of the grouped workflow SLO as a dashed threshold, per objective', () => {
    const page = panels('slo-workflow-success').find((p) => p.title === 'Page: 6× over 6h and 30m')!;
    expect(page.fieldConfig.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 6]);
    expect(page.fieldConfig.defaults.custom?.thresholdsStyle?.mode).toBe('dashed');
    expect(page.targets?.map((t) => t.expr)).toEqual([
      'slo:sli_error:ratio_rate6h{sloth_id="ai-teams-workflow-success", complexity_level="complex"} / 0.15',
      'slo:sli_error:ratio_rate30m{sloth_id="ai-teams-workflow-success", complexity_level="complex"} / 0.15',
      'slo:sli_error:ratio_rate6h{sloth_id="ai-teams-workflow-success", complexity_level!="complex"} / 0.05',
      'slo:sli_error:ratio_rate30m{sloth_id="ai-teams-workflow-success", complexity_level!="complex"} / 0.05',
    ]);
  });

  it('links every SLO alert to its SLO dashboard', () => {
    expect(file(`prometheus/${name}/slo-api-latency.rules.yml`)).toContain(
      'dashboard_url: https://grafana.example.com/d/ai-teams-slo-api-latency/slo-api-latency',
    );
  });

  it('drops every catalog drop on the collector pipeline that feeds Prometheus, not on the CloudWatch one', () => {
    const config = parse(file(`otel/${name}/collector.yaml`)) as {
      processors: Record<string, { metric_statements?: { statements: string[] }[] }>;
      service: { pipelines: Record<string, { processors: string[] }> };
    };
    const dropProcessor = config.service.pipelines.metrics!.processors.find(
      (p) => config.processors[p]?.metric_statements !== undefined,
    )!;
    const statements = config.processors[dropProcessor]!.metric_statements![0]!.statements;
    for (const metric of aiTeams.catalog.metricList) {
      for (const label of Object.keys(metric.spec.drop))
        expect(statements).toContain(`delete_key(attributes, "${label}") where metric.name == "${metric.otelName}"`);
    }
    expect(config.service.pipelines.metrics!.processors).toEqual([
      'memory_limiter',
      'resource',
      dropProcessor,
      'batch',
    ]);
    expect(config.service.pipelines['metrics/cloudwatch']!.processors).not.toContain(dropProcessor);
  });

  it('gets the ECS restart, log ingestion and metric-math error-rate alarms; a {{placeholder}} becomes a query parameter', () => {
    const template = JSON.parse(file(`cloudwatch/${name}/cloudformation.json`)) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const alarms = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties);
    expect(alarms.map((a) => a.AlarmName)).toEqual(
      expect.arrayContaining([
        'ai-teams-EcsTaskRestarts-api-gateway',
        'ai-teams-LogIngestionNearBudget',
        'ai-teams-HighErrorRate-api-gateway',
      ]),
    );
    expect(alarms.find((a) => a.AlarmName === 'ai-teams-EcsTaskRestarts-api-gateway')).toMatchObject({
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RestartCount',
      Statistic: 'Sum',
      Period: 600,
      Threshold: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
    });
    const errors = alarms.find((a) => a.AlarmName === 'ai-teams-HighErrorRate-api-gateway')!;
    expect((errors.Metrics as { ReturnData: boolean }[]).filter((m) => m.ReturnData)).toHaveLength(1);
    expect(errors).toMatchObject({
      EvaluationPeriods: 5,
      AlarmDescription: '[critical] More than 10% of requests fail with 5xx.',
    });
    expect(template.Resources.QueryAllLogsOfOneTrackingId?.Properties.Parameters).toEqual([
      { Name: 'tracking_id', Description: 'Value for {{tracking_id}}' },
    ]);
  });
});

describe('AI Teams alert routing (Alert Thresholds and Escalation Policies)', () => {
  const routed = compileProject(
    project({
      systems: [aiTeams],
      alertmanager: alertmanager({ route: { receiver: receiver('root'), routes: [aiTeamsRoute] } }),
    }),
  );
  const routedFile = (path: string): string => routed.files.find((f) => f.path === path)!.content;
  const tests = (
    parse(routedFile('alertmanager/routing-tests.yml')) as {
      tests: { alert: string; labels: Record<string, string>; receivers: string[] }[];
    }
  ).tests;
  const receiversOf = (severity: string) => [
    ...new Set(tests.filter((t) => t.labels.severity === severity).map((t) => t.receivers.join(','))),
  ];

  it('pages critical alerts through Grafana OnCall, tells the dev channel warnings, e-mails Grafana Cloud usage to ops', () => {
    expect(routed.findings).toEqual([]);
    expect(receiversOf('critical')).toEqual(['ai-teams-oncall']);
    expect(receiversOf('warning')).toEqual(['ai-teams-dev']);
    expect(tests.filter((t) => t.labels.severity === 'info').map((t) => [t.alert, t.receivers])).toEqual([
      ['ai-teams/GrafanaCloudSeriesUsage', ['ai-teams-ops-email']],
    ]);
    // The seed's critical alerts (service down, error rate > 10 %, p95 > 5 s) are among the paged ones.
    for (const alert of ['ServiceDown', 'HighErrorRate', 'HighLatencyP95'])
      expect(tests.find((t) => t.alert === `ai-teams/${alert}`)?.receivers).toEqual(['ai-teams-oncall']);
  });

  it('reaches OnCall through its Alertmanager webhook, the token left to deploy time, resolutions included', () => {
    const config = parse(routedFile('alertmanager/alertmanager.yml')) as {
      receivers: { name: string; webhook_configs?: { url: string; send_resolved: boolean }[] }[];
    };
    expect(config.receivers.find((r) => r.name === 'ai-teams-oncall')?.webhook_configs).toEqual([
      {
        url: 'https://oncall-prod-us-central-0.grafana.net/oncall/integrations/v1/alertmanager/${AI_TEAMS_ONCALL_TOKEN}/',
        send_resolved: true,
      },
    ]);
  });
});
