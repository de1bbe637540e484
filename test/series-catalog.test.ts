import { describe, expect, it } from 'vitest';
import { SeriesCatalog, type RecordedSeries } from '../src/promql/series-catalog.ts';
import { catalog, gauge, oneOf, project, system } from '../src/index.ts';

const lab = catalog('lab', {
  scrapeInterval: '1m',
  instances: 1,
  labels: { a: oneOf('1'), b: oneOf('2') },
  metrics: { x: gauge({ help: 'X.', labels: ['a', 'b'] }) },
});

/** Two recordings of one name told apart by a static label, as SLO recordings are (sloth_id). */
const recorded = (id: string, labels: readonly string[]): RecordedSeries => ({
  system: 'lab',
  name: 'slo:x:ratio',
  labels: new Set(labels),
  staticLabels: { sloth_id: id },
  at: { file: 'definitions/lab.ts', line: 1 },
});

describe('SeriesCatalog.resolve of a name several recordings record', () => {
  const series = new SeriesCatalog(project({ systems: [system({ catalog: lab })] }), [
    recorded('first', ['a', 'sloth_id']),
    recorded('second', ['b', 'sloth_id']),
  ]);
  const labelsFor = (matchers: { label: string; op: string; value: string }[]) => [
    ...(series.resolve('slo:x:ratio', 'lab', matchers)?.labels ?? []),
  ];

  it('narrows to the recordings a selector matches, however often and in whatever order it is asked', () => {
    const first = [{ label: 'sloth_id', op: '=', value: 'first' }];
    const second = [{ label: 'sloth_id', op: '=', value: 'second' }];
    for (let round = 0; round < 2; round++) {
      expect(labelsFor(first).sort()).toEqual(['a', 'sloth_id']);
      expect(labelsFor(second).sort()).toEqual(['b', 'sloth_id']);
      expect(labelsFor([]).sort()).toEqual(['a', 'b', 'sloth_id']);
      // A matcher no recording satisfies leaves them all.
      expect(labelsFor([{ label: 'sloth_id', op: '=', value: 'third' }]).sort()).toEqual(['a', 'b', 'sloth_id']);
      // Only equality narrows.
      expect(labelsFor([{ label: 'sloth_id', op: '!=', value: 'first' }]).sort()).toEqual(['a', 'b', 'sloth_id']);
    }
  });
});
