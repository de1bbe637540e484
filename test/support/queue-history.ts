// Six hours of a queue's history with two planted incidents (test/fixtures/live/queue.ts reads
// it): OpenMetrics to backfill a Prometheus, and the same samples for promtool's input series.
export const end = Math.floor(Date.now() / 1000 / 60) * 60 - 120;
export const incidentOne = end - 4 * 3600;
export const incidentTwo = end - 2 * 3600;

export const historyStart = end - 6 * 3600;
export const SERIES = 'queue_depth{job="queue",instance="a:9100",queue="a"}';

/** queue_depth every 15 s: 10, and 500 during [one, one+20m) and [two, two+3m); quiet from `end` to `until`. */
export function samples(until = end): { t: number; value: number }[] {
  const points: { t: number; value: number }[] = [];
  for (let t = historyStart; t <= until; t += 15) {
    const high = (t >= incidentOne && t < incidentOne + 1200) || (t >= incidentTwo && t < incidentTwo + 180);
    points.push({ t, value: high ? 500 : 10 });
  }
  return points;
}

/** queue_jobs_total every 15 s: 99 jobs done and 1 failed (1 %), and 200 failed during the first incident (67 %). */
export const JOBS = [
  {
    series: 'queue_jobs_total{job="queue",instance="a:9100",queue="a",outcome="ok"}',
    perSample: () => 99,
  },
  {
    series: 'queue_jobs_total{job="queue",instance="a:9100",queue="a",outcome="failed"}',
    perSample: (t: number) => (t >= incidentOne && t < incidentOne + 1200 ? 200 : 1),
  },
];

/** A counter's values at the samples' times, adding `perSample(t)` at each. */
export function counterValues(perSample: (t: number) => number, until = end): number[] {
  let total = 0;
  return samples(until).map(({ t }, i) => (i === 0 ? 0 : (total += perSample(t))));
}

/** The samples as OpenMetrics; `until` extends the quiet end (a preview reads up to now). */
export function history(until = end): string {
  const points = samples(until);
  const depth = points.map(({ t, value }) => `${SERIES} ${value} ${t}`);
  const jobs = JOBS.flatMap(({ series, perSample }) => {
    const values = counterValues(perSample, until);
    return points.map(({ t }, i) => `${series} ${values[i]} ${t}`);
  });
  return `# TYPE queue_depth gauge\n${depth.join('\n')}\n# TYPE queue_jobs_total counter\n${jobs.join('\n')}\n# EOF\n`;
}
