// The agentic browser's own expectations: the four dashboards of docs/seeds/004-agentic-browser.txt.
import { compileProject, project } from 'obsgen';
import { describe, expect, it } from 'vitest';
import agenticBrowser from './index.ts';

const compiled = compileProject(project({ systems: [agenticBrowser] }));
const titles = (name: string): string[] =>
  (
    JSON.parse(compiled.files.find((f) => f.path === `grafana/${agenticBrowser.name}/${name}.json`)!.content) as {
      panels: { type: string; title: string }[];
    }
  ).panels
    .filter((p) => p.type !== 'row')
    .map((p) => p.title);

describe('Agentic browser', () => {
  it('builds alone with no finding; the suppression it carries has a reason', () => {
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed.map((s) => `${s.finding.rule} ${s.finding.subject}`)).toEqual([
      'naming/reserved-suffix agentic-browser/metric/fluentd_output_status_retry_count',
    ]);
  });

  it.each([
    ['overview', ['Request rate', 'Error rate', 'P95/P99 latency', 'Active workflows']],
    ['reasoning-analytics', ['CoT chain length', 'Decision confidence distribution', 'Reasoning steps by component']],
    ['tool-performance', ['Tool call frequency', 'Tool success rate', 'Tool latency percentiles']],
    ['audit-trail', ['User actions timeline', 'Compliance report', 'System decisions log']],
  ])('dashboard %s has the panels the document lists', (name, expected) => {
    expect(titles(name)).toEqual(expected);
  });
});
