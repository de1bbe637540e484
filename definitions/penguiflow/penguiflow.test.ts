// Penguiflow's own expectations: its system-monitoring dashboard and CloudWatch resources
// (docs/seeds/002-penguiflow.txt).
import { alertmanager, compileProject, project, receiver } from 'obsgen';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { penguiflowRoute } from './alerting.ts';
import penguiflow from './index.ts';

const compiled = compileProject(project({ systems: [penguiflow] }));

describe('Penguiflow', () => {
  it('builds alone with no finding and nothing suppressed', () => {
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed).toEqual([]);
  });

  it('has the system-monitoring panels the document asks for', () => {
    const json = JSON.parse(
      compiled.files.find((f) => f.path === `grafana/${penguiflow.name}/system-monitoring.json`)!.content,
    ) as { panels: { type: string; title: string }[] };
    expect(json.panels.filter((p) => p.type !== 'row').map((p) => p.title)).toEqual([
      'Flow throughput',
      'Messages per node',
      'Latency per node (p95)',
      'Flow duration (p95)',
      'Errors by node',
      'Errors by flow',
      'Errors by type',
      'Queue depth',
      'Budget exhaustion',
      'Tokens',
      'Deadline used (p95)',
      'Dependencies',
      'Tool usage',
      'Tool error ratio',
    ]);
  });

  it('writes its CloudWatch logs queries and dashboard as CloudFormation and Terraform', () => {
    expect(compiled.files.map((f) => f.path).filter((p) => p.startsWith('cloudwatch/'))).toEqual([
      `cloudwatch/${penguiflow.name}/cloudformation.json`,
      `cloudwatch/${penguiflow.name}/main.tf.json`,
    ]);
  });
});

describe('Penguiflow alert routing (Notification Channels)', () => {
  const routed = compileProject(
    project({
      systems: [penguiflow],
      alertmanager: alertmanager({ route: { receiver: receiver('root'), routes: [penguiflowRoute] } }),
    }),
  );
  const routedFile = (path: string): string => routed.files.find((f) => f.path === path)!.content;
  const tests = (
    parse(routedFile('alertmanager/routing-tests.yml')) as {
      tests: { labels: Record<string, string>; receivers: string[] }[];
    }
  ).tests;

  it('sends every alert to the third-party webhook, critical ones to PagerDuty and e-mail, the rest to Slack', () => {
    expect(routed.findings).toEqual([]);
    const bySeverity = new Map(tests.map((t) => [t.labels.severity, t.receivers]));
    expect(bySeverity.get('critical')).toEqual(['penguiflow-webhook', 'penguiflow-critical']);
    expect(bySeverity.get('warning')).toEqual(['penguiflow-webhook', 'penguiflow-slack']);
    const config = parse(routedFile('alertmanager/alertmanager.yml')) as { receivers: Record<string, unknown>[] };
    expect(Object.keys(config.receivers.find((r) => r.name === 'penguiflow-critical')!).sort()).toEqual([
      'email_configs',
      'name',
      'pagerduty_configs',
    ]);
  });
});
