import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dashboardFileKey, previewDashboard } from '../../compile/preview/dashboard-panels.ts';
import { previewIndex, previewPage, type PreviewSource } from '../../compile/preview/preview-page.ts';
import { hasErrors } from '../../finding.ts';
import { compileProject } from '../../pipeline/build-project.ts';
import type { CommonOptions } from '../common-options.ts';
import { loadDefinitions, thrownByDefinitions } from '../load-definitions.ts';
import { admittedSystems, systemsNamed, tallyText, withLiveReading } from '../prometheus/live-reading.ts';
import { PanelQueryBudget } from '../prometheus/panel-queries.ts';
import { drawDashboard, recordingsComputer } from '../prometheus/dashboard-drawing.ts';

/** A run asks at most this many queries (one per panel target). */
const MAX_QUERIES = 2_000;

/**
 * `obsgen preview --prometheus <url> [--out previews] [--system <name>]`: every panel of every
 * dashboard the build generates, drawn with the data its queries return over the dashboard's
 * default range, one page per dashboard and an index. The pages replace the output directory whole.
 */
export async function previewCommand(options: CommonOptions): Promise<number> {
  return withLiveReading(
    options.live,
    'preview',
    async (reading, { built, systems }) => {
      const source: PreviewSource = { source: reading.source, end: reading.time, synthetic: reading.synthetic };
      const budget = new PanelQueryBudget(MAX_QUERIES);
      const pages: { file: string; content: string }[] = [];
      const index: Parameters<typeof previewIndex>[0][number][] = [];
      let panels = 0;
      let withData = 0;
      for (const { written, admitted } of systems) {
        const dashboards = built.files.flatMap((file) => {
          const key = dashboardFileKey(file.path);
          return key?.system !== written.name
            ? []
            : [{ name: key.name, dashboard: previewDashboard(JSON.parse(file.content) as unknown) }];
        });
        const computed = await recordingsComputer(
          reading,
          admitted,
          dashboards.map(({ dashboard }) => dashboard),
        );
        for (const { name: fileName, dashboard } of dashboards) {
          const { figures, withData: drawn } = await drawDashboard(reading, written, dashboard, budget, computed);
          const name = `${safeName(written.name)}/${safeName(fileName)}.html`;
          pages.push({ file: name, content: previewPage(written.name, dashboard, figures, source) });
          index.push({
            system: written.name,
            title: dashboard.title,
            file: name,
            panels: figures.length,
            withData: drawn,
          });
          panels += figures.length;
          withData += drawn;
        }
      }
      pages.push({ file: 'index.html', content: previewIndex(index, source) });
      writePages(options.out, pages);
      process.stderr.write(
        `obsgen: wrote ${options.out}/: ${index.length} dashboards, ${panels} panels, ${withData} with data; read ${reading.source}: ${tallyText(reading)}\n`,
      );
      return 0;
    },
    {
      load: async () => {
        const project = await loadDefinitions(options.definitions);
        let built;
        try {
          built = compileProject(project);
        } catch (error) {
          throw thrownByDefinitions(error) ?? error;
        }
        if (hasErrors(built.findings))
          process.stderr.write(
            'obsgen: the definitions have errors (obsgen check lists them); drawing what compiled\n',
          );
        const written = systemsNamed(project, options.system, options.definitions);
        const admitted = admittedSystems(written);
        return { built, systems: written.map((system, i) => ({ written: system, admitted: admitted[i]! })) };
      },
      // No --prometheus: a day of synthetic history (a 7-day SLO dashboard shows its last day).
      synthetic: ({ systems }) => ({ systems: systems.map((s) => s.admitted), rangeSeconds: 86_400 }),
    },
  );
}

/** A system name or uid as one safe path segment (definitions are untrusted input). */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? '_' : safe;
}

/** The pages written beside the output directory, then swapped in whole: no stale page stays. */
function writePages(out: string, pages: readonly { file: string; content: string }[]): void {
  const target = path.resolve(out);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const page of pages) {
    const file = path.join(staging, page.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, page.content);
  }
  const old = `${target}.old-${process.pid}`;
  try {
    renameSync(target, old);
  } catch {
    // No earlier previews.
  }
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
