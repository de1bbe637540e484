/** One series' alert from the first evaluation its condition held to the evaluation it resolved. */
export interface AlertEpisode {
  readonly labels: Readonly<Record<string, string>>;
  /** Unix seconds of the first evaluation that returned the series (Prometheus' activeAt). */
  readonly activeAt: number;
  /** When it turned firing: activeAt plus `for`, at an evaluation. */
  readonly firedAt: number;
  /** The first evaluation it no longer fired at; undefined while it still fired at the range's end. */
  readonly resolvedAt: number | undefined;
}

/** How the rule manager evaluates one alert: its group's interval, `for` and `keep_firing_for`. */
export interface AlertTiming {
  readonly intervalSeconds: number;
  readonly forSeconds: number;
  readonly keepFiringForSeconds: number;
}

/**
 * The firing episodes of an alert over evaluations at `times`, as Prometheus' rule manager computes
 * them: a series its expression returns becomes pending (activeAt), fires once it has held for
 * `for` (at once when `for` is 0), stays firing `keep_firing_for` after it stops holding, and a
 * pending series that stops holding is dropped without ever firing. `returned` maps each series
 * (by its labels, as a key) to the evaluation times its expression returned it.
 */
export function alertEpisodes(
  times: readonly number[],
  returned: ReadonlyMap<
    string,
    { readonly labels: Readonly<Record<string, string>>; readonly at: ReadonlySet<number> }
  >,
  timing: AlertTiming,
): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  for (const { labels, at } of returned.values()) {
    let activeAt: number | undefined;
    let firedAt: number | undefined;
    // The first evaluation a firing alert's condition no longer held (Prometheus' KeepFiringSince).
    let keptSince: number | undefined;
    for (const t of times) {
      if (at.has(t)) {
        keptSince = undefined;
        activeAt ??= t;
        if (firedAt === undefined && t - activeAt >= timing.forSeconds) firedAt = t;
        continue;
      }
      if (firedAt !== undefined && timing.keepFiringForSeconds > 0) {
        keptSince ??= t;
        if (t - keptSince < timing.keepFiringForSeconds) continue;
      }
      keptSince = undefined;
      if (firedAt !== undefined) episodes.push({ labels, activeAt: activeAt!, firedAt, resolvedAt: t });
      activeAt = undefined;
      firedAt = undefined;
    }
    if (firedAt !== undefined) episodes.push({ labels, activeAt: activeAt!, firedAt, resolvedAt: undefined });
  }
  return episodes.sort((a, b) => a.firedAt - b.firedAt);
}

/** What a reviewer reads of an alert's episodes over a range. */
export interface BacktestSummary {
  readonly episodes: number;
  /** Seconds any of its series fired, summed over series. */
  readonly firingSeconds: number;
  /** Episodes a week, at this range's rate. */
  readonly perWeek: number;
  /** Episodes that resolved within three evaluations: a flapping condition, or a `for` too short. */
  readonly flapping: number;
  /** Median seconds from the condition holding to firing (the cost of `for`). */
  readonly medianDelaySeconds: number | undefined;
}

export function summarizeEpisodes(
  episodes: readonly AlertEpisode[],
  range: { readonly start: number; readonly end: number },
  timing: AlertTiming,
): BacktestSummary {
  const ended = (e: AlertEpisode) => e.resolvedAt ?? range.end;
  const delays = episodes.map((e) => e.firedAt - e.activeAt).sort((a, b) => a - b);
  return {
    episodes: episodes.length,
    firingSeconds: episodes.reduce((sum, e) => sum + (ended(e) - e.firedAt), 0),
    perWeek: (episodes.length * 7 * 86_400) / Math.max(1, range.end - range.start),
    flapping: episodes.filter(
      (e) => e.resolvedAt !== undefined && e.resolvedAt - e.firedAt <= 3 * timing.intervalSeconds,
    ).length,
    medianDelaySeconds: delays.length === 0 ? undefined : delays[Math.floor(delays.length / 2)],
  };
}
