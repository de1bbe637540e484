// Properties that hold for any definitions/ a team keeps in this layout, whatever systems it
// holds: example-specific expectations live beside each system (definitions/<system>/*.test.ts).
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { checkCloudFormation, checkTerraform } from '../src/aws/resource-schema.ts';
import { parseLogsInsights } from '../src/logsinsights/parser.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import definitions from '../definitions/index.ts';

const compiled = compileProject(definitions);
const filesUnder = (prefix: string) => compiled.files.filter((f) => f.path.startsWith(prefix));

describe('definitions/', () => {
  it('compile with no error finding', () => {
    expect(compiled.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('route every alert to a receiver of its own when the project declares an Alertmanager', () => {
    if (definitions.alertmanager === undefined) return;
    const root = definitions.alertmanager.route.receiver.name;
    const tests = (
      parse(compiled.files.find((f) => f.path === 'alertmanager/routing-tests.yml')!.content) as {
        tests: { alert: string; receivers: string[] }[];
      }
    ).tests;
    const alerts = definitions.systems.flatMap((s) =>
      s.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'alert').map((r) => `${s.name}/${r.name}`)),
    );
    expect(alerts.filter((alert) => !tests.some((t) => t.alert === alert))).toEqual([]);
    expect(tests.filter((t) => t.receivers.length === 0 || t.receivers.includes(root)).map((t) => t.alert)).toEqual([]);
  });

  it('test every alert (no unsuppressed alert/untested)', () => {
    expect(compiled.findings.filter((f) => f.rule === 'alert/untested').map((f) => f.subject)).toEqual([]);
  });

  it('estimate every system and keep each inside its series budget', () => {
    expect(compiled.cardinality.systems.map((s) => s.system.name)).toEqual(definitions.systems.map((s) => s.name));
    for (const estimate of compiled.cardinality.systems)
      if (estimate.budget !== undefined)
        expect(estimate.series, estimate.system.name).toBeLessThanOrEqual(estimate.budget);
  });

  it('write one collector config per system with a collector, each valid as the collector reads it', () => {
    expect(
      filesUnder('otel/')
        .map((f) => f.path)
        .sort(),
    ).toEqual(
      definitions.systems
        .filter((s) => s.collector !== undefined)
        .map((s) => `otel/${s.name}/collector.yaml`)
        .sort(),
    );
    for (const file of filesUnder('otel/')) expect(validateCollector(parse(file.content)), file.path).toEqual([]);
  });

  it('write CloudFormation and Terraform per system with CloudWatch resources, each passing the AWS resource definitions', () => {
    const systems = definitions.systems.filter((s) => s.cloudwatch !== undefined).map((s) => s.name);
    expect(
      filesUnder('cloudwatch/')
        .map((f) => f.path)
        .sort(),
    ).toEqual(
      systems.flatMap((name) => [`cloudwatch/${name}/cloudformation.json`, `cloudwatch/${name}/main.tf.json`]).sort(),
    );
    for (const name of systems) {
      const template = JSON.parse(
        compiled.files.find((f) => f.path === `cloudwatch/${name}/cloudformation.json`)!.content,
      ) as Parameters<typeof checkCloudFormation>[0] & {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
      expect(checkCloudFormation(template), name).toEqual([]);
      expect(
        checkTerraform(
          JSON.parse(compiled.files.find((f) => f.path === `cloudwatch/${name}/main.tf.json`)!.content) as Parameters<
            typeof checkTerraform
          >[0],
        ),
        name,
      ).toEqual([]);
      for (const resource of Object.values(template.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard')) {
        const body = JSON.parse(resource.Properties.DashboardBody as string) as {
          widgets: { type: string; properties: { query?: string } }[];
        };
        for (const widget of body.widgets.filter((w) => w.type === 'log'))
          expect(parseLogsInsights(widget.properties.query!.replace(/^(SOURCE '[^']+' \| )+/, '')).ok, name).toBe(true);
      }
    }
  });
});
