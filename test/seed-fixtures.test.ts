import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import type { Project } from '../src/index.ts';
import agenticAsWritten from './fixtures/seeds/agentic-browser-as-written.ts';
import aiTeamsAsWritten from './fixtures/seeds/ai-teams-as-written.ts';
import eventfluxAsWritten from './fixtures/seeds/eventflux-as-written.ts';
import secflowAsWritten, {
  secflowQueriesAsWritten,
  secflowWithDashboardsAsWritten,
} from './fixtures/seeds/secflow-as-written.ts';
import { eventfluxQueriesAsWritten } from './fixtures/seeds/eventflux-as-written.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';

/** `severity rule subject` for the rules that name the seeds' defects (budget warnings aside). */
function defects(project: Project): string[] {
  return compileProject(project)
    .findings.filter((f) => f.rule !== 'cardinality/metric-budget')
    .map((f) => `${f.severity} ${f.rule} ${f.subject}`)
    .sort();
}

describe("SecFlow's dashboards as written", () => {
  const findings = compileProject(secflowWithDashboardsAsWritten).findings.filter((f) =>
    f.subject.includes('/dashboard/'),
  );
  const panelOf = (message: string): string => /^Panel "([^"]+)"/.exec(message)?.[1] ?? '?';

  it('report the broken queries and fixed rate() ranges at their panels', () => {
    const byPanel: Record<string, string[]> = {};
    for (const f of findings.filter(
      (f) => f.rule !== 'dashboard/panel-unit' && f.rule !== 'dashboard/panel-description',
    ))
      (byPanel[panelOf(f.message)] ??= []).push(f.rule);
    expect(byPanel).toEqual({
      'Workflow Execution Rate': ['dashboard/rate-interval'],
      'Average Workflow Duration': ['promql/histogram-quantile'],
      'Workflow Throughput': ['dashboard/rate-interval'],
      'Average Scan Duration': ['dashboard/rate-interval'],
      'Findings per Project': ['promql/unknown-label'],
      'GC Efficiency': ['dashboard/rate-interval'],
      'Sandbox Failures': ['promql/counter-raw'],
    });
  });

  it('have no unit and no description on any panel', () => {
    const panels = Object.keys(secflowQueriesAsWritten)
      .filter((name) => name !== 'HighErrorRate')
      .sort();
    for (const rule of ['dashboard/panel-unit', 'dashboard/panel-description']) {
      expect(
        findings
          .filter((f) => f.rule === rule)
          .map((f) => panelOf(f.message))
          .sort(),
      ).toEqual(panels);
    }
  });
});

describe('the seed documents as written', () => {
  it('SecFlow: _ms/_mb/_percent units, counters recorded as gauges, workflow_id, derived gauges', () => {
    expect(defects(secflowAsWritten)).toEqual([
      'error cardinality/unbounded-label secflow/metric/secflow_workflow_avg_node_duration_ms{workflow_id}',
      'error cardinality/unbounded-label secflow/metric/secflow_workflow_duration_ms{workflow_id}',
      'error cardinality/unbounded-label secflow/metric/secflow_workflow_findings_per_second{workflow_id}',
      'error cardinality/unbounded-label secflow/metric/secflow_workflows_completed_total{workflow_id}',
      'error cardinality/unbounded-label secflow/metric/secflow_workflows_started_total{workflow_id}',
      'error naming/base-unit secflow/metric/secflow_node_duration_ms',
      'error naming/base-unit secflow/metric/secflow_plugin_duration_ms',
      'error naming/base-unit secflow/metric/secflow_plugin_memory_mb',
      'error naming/base-unit secflow/metric/secflow_system_cpu_percent',
      'error naming/base-unit secflow/metric/secflow_system_disk_percent',
      'error naming/base-unit secflow/metric/secflow_system_memory_mb',
      'error naming/base-unit secflow/metric/secflow_system_memory_percent',
      'error naming/base-unit secflow/metric/secflow_workflow_avg_node_duration_ms',
      'error naming/base-unit secflow/metric/secflow_workflow_duration_ms',
      'error naming/counter-suffix secflow/metric/secflow_findings_generated_total',
      'error naming/counter-suffix secflow/metric/secflow_findings_total',
      'warning naming/derived-metric secflow/metric/secflow_workflow_avg_node_duration_ms',
      'warning naming/derived-metric secflow/metric/secflow_workflow_findings_per_second',
    ]);
  });

  it('AI Teams: tracking_id/user_id/session_id/api_key_id labels, a success rate as a histogram, ms buckets, the 10k budget', () => {
    expect(defects(aiTeamsAsWritten)).toEqual([
      'error cardinality/system-budget ai-teams/catalog',
      'error cardinality/unbounded-label ai-teams/metric/ai_cost_total{tracking_id}',
      'error cardinality/unbounded-label ai-teams/metric/ai_requests_total{tracking_id}',
      'error cardinality/unbounded-label ai-teams/metric/ai_tokens_total{tracking_id}',
      'error cardinality/unbounded-label ai-teams/metric/api_key_usage_total{api_key_id}',
      'error cardinality/unbounded-label ai-teams/metric/user_activity_total{session_id}',
      'error cardinality/unbounded-label ai-teams/metric/user_activity_total{user_id}',
      'error catalog/bucket-scale ai-teams/metric/request_duration_seconds',
      'error naming/derived-metric ai-teams/metric/workflow_success_rate',
    ]);
  });

  it('EventFlux: a quantile label on a histogram, a gauge named *_count, uptime as a counter, a percent', () => {
    expect(defects(eventfluxAsWritten)).toEqual([
      'error naming/base-unit eventflux/metric/eventflux_cpu_usage_percent',
      'error naming/counter-suffix eventflux/metric/eventflux_uptime_seconds',
      'error naming/reserved-suffix eventflux/metric/query_active_count',
      'error naming/reserved-suffix eventflux/metric/query_latency_seconds',
    ]);
  });

  it('Agentic browser: a counter without _total and business metrics that are derived values', () => {
    expect(defects(agenticAsWritten)).toEqual([
      'error naming/counter-suffix agentic-browser/metric/cot_chains_completed',
      'warning naming/derived-metric agentic-browser/metric/average_reasoning_depth',
      'warning naming/derived-metric agentic-browser/metric/tool_error_rate',
      'warning naming/derived-metric agentic-browser/metric/workflow_success_rate',
    ]);
  });

  it('AI Teams as written is far over its Grafana Cloud tier', () => {
    const system = compileProject(aiTeamsAsWritten).cardinality.systems[0]!;
    expect(system.series).toBeGreaterThan(10 * system.budget!);
  });
});

describe("the seeds' queries as written, against their own catalogs", () => {
  const verdicts = (project: Project, system: string, queries: Readonly<Record<string, string>>) => {
    const catalog = new SeriesCatalog(project);
    return Object.fromEntries(
      Object.entries(queries).map(([name, expr]) => [
        name,
        analyzePromql(expr, { catalog, system })
          .findings.map((f) => f.rule)
          .sort(),
      ]),
    );
  };

  it('SecFlow: histogram_quantile on a histogram family, sum by (project) without project, raw counters', () => {
    expect(verdicts(secflowAsWritten, 'secflow', secflowQueriesAsWritten)).toEqual({
      HighErrorRate: [],
      'Workflow Execution Rate': [],
      'Average Workflow Duration': ['promql/histogram-quantile'],
      'Findings Generated': [],
      'Workflow Throughput': [],
      'Average Scan Duration': [],
      'Findings per Project': ['promql/unknown-label'],
      'GC Efficiency': [],
      'Sandbox Failures': ['promql/counter-raw'],
    });
  });

  it('EventFlux: HighQueryLatency reads a quantile label of a histogram and can never fire', () => {
    expect(verdicts(eventfluxAsWritten, 'eventflux', eventfluxQueriesAsWritten)).toEqual({
      HighQueryLatency: ['promql/summary-quantile'],
      StreamBackpressure: [],
    });
  });
});
