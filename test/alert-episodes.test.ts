// The rule manager's semantics on hand-made evaluations: pending, for, keep_firing_for.
import { describe, expect, it } from 'vitest';
import { alertEpisodes } from '../src/live/alert-episodes.ts';

const times = Array.from({ length: 20 }, (_, i) => i * 60);
const held = (...minutes: number[]) => new Map([['{}', { labels: {}, at: new Set(minutes.map((m) => m * 60)) }]]);
const timing = (forMinutes: number, keepMinutes = 0) => ({
  intervalSeconds: 60,
  forSeconds: forMinutes * 60,
  keepFiringForSeconds: keepMinutes * 60,
});
const episodes = (at: Map<string, { labels: object; at: Set<number> }>, t: ReturnType<typeof timing>) =>
  alertEpisodes(times, at as never, t).map((e) => [
    e.activeAt / 60,
    e.firedAt / 60,
    e.resolvedAt === undefined ? 'open' : e.resolvedAt / 60,
  ]);

describe('alertEpisodes', () => {
  it('fires at once with for 0, and resolves at the first evaluation the condition no longer holds', () => {
    expect(episodes(held(2, 3, 4, 10), timing(0))).toEqual([
      [2, 2, 5],
      [10, 10, 11],
    ]);
  });

  it('with for, a condition that stops holding while pending never fires', () => {
    expect(episodes(held(2, 3, 4, 10, 11, 12, 13), timing(3))).toEqual([[10, 13, 14]]);
  });

  it('keep_firing_for bridges a gap shorter than it, counted from the first evaluation that no longer held', () => {
    expect(episodes(held(2, 3, 5, 6), timing(0, 2))).toEqual([[2, 2, 9]]);
    expect(episodes(held(2, 3, 7), timing(0, 2))).toEqual([
      [2, 2, 6],
      [7, 7, 10],
    ]);
  });

  it('an episode still firing at the range end stays open', () => {
    expect(episodes(held(17, 18, 19), timing(1))).toEqual([[17, 18, 'open']]);
  });
});
