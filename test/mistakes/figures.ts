// The catalogue's figures, measured by building every bad definition (not read from the entries'
// claims), and docs/mistakes.md rendered from the catalogue and those figures.
import { compileProject } from '../../src/pipeline/build-project.ts';
import { AREAS, MISTAKES, type Area } from './catalogue.ts';

export interface AreaFigures {
  readonly area: Area;
  readonly title: string;
  readonly total: number;
  /** The bad definition gets the finding the entry names. */
  readonly caught: number;
}

/** Which mistakes obsgen catches: the bad definition built, its findings read. */
export function caughtMistakes(): Set<string> {
  return new Set(
    MISTAKES.filter(
      (m) => m.caughtBy !== undefined && compileProject(m.bad()).findings.some((f) => f.rule === m.caughtBy),
    ).map((m) => m.id),
  );
}

export function catalogueFigures(caught = caughtMistakes()): AreaFigures[] {
  return AREAS.map(({ area, title }) => {
    const own = MISTAKES.filter((m) => m.area === area);
    return { area, title, total: own.length, caught: own.filter((m) => caught.has(m.id)).length };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/mistakes.md: the figures, then each area's mistakes with their rule or the reason none. */
export function mistakesDocument(caught = caughtMistakes()): string {
  const figures = catalogueFigures(caught);
  const total = figures.reduce((sum, f) => sum + f.total, 0);
  const all = figures.reduce((sum, f) => sum + f.caught, 0);
  const lines = [
    '# A catalogue of mistakes',
    '',
    'What a senior SRE catches in review of an observability change, drawn from public sources',
    "(Prometheus' and Alertmanager's documentation, pint's checks, Grafana's guidance, the collector's",
    "component documentation, AWS's alarm documentation, Google's SRE workbook), and whether obsgen",
    'catches it. Each entry is a bad/good pair of definitions in `test/mistakes/<area>.ts`:',
    '`test/mistakes.test.ts` builds both and asserts the finding on the bad one (each at the definition, once),',
    'no error on the good one, and for what obsgen does not catch, that the bad one really passes.',
    'This page is written from the catalogue (`npx tsx scripts/sync-mistakes-doc.ts`); a test fails',
    'while it differs.',
    '',
    `## Figures: ${all} of ${total} caught`,
    '',
    '| area | caught | total |',
    '|---|---:|---:|',
    ...figures.map((f) => `| ${f.title} | ${f.caught} | ${f.total} |`),
    '',
    'A mistake not caught is either not decidable from the definitions (it depends on traffic or',
    'on a judgement: the live checks of `obsgen verify` or a backtest could say), or decidable with',
    'no check yet; each says which.',
  ];
  for (const { area, title } of AREAS) {
    lines.push('', `## ${title}`, '', '| mistake | obsgen | source |', '|---|---|---|');
    for (const m of MISTAKES.filter((entry) => entry.area === area)) {
      const verdict = caught.has(m.id)
        ? `\`${m.caughtBy!}\``
        : `not caught: ${m.gap ?? 'the named rule does not fire'}`;
      lines.push(`| ${cell(m.mistake)} | ${cell(verdict)} | [${new URL(m.source).hostname}](${m.source}) |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
