// Penguiflow's own expectations: its system-monitoring dashboard and CloudWatch resources
// (docs/seeds/002-penguiflow.txt).
import { compileProject, project } from 'obsgen';
import { describe, expect, it } from 'vitest';
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
