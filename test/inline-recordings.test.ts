// Recordings computed from raw series (what a backtest does when the server does not hold them):
// the rule's expression in place of its selector, its labels added, the selector's matchers
// applied, ranges as subqueries at the rule's interval. The rendered text parses back, so
// Prometheus can run it; test/backtest.test.ts holds the result to Prometheus' own evaluation.
import { describe, expect, it } from 'vitest';
import { inlineRecordings, type RecordingSource } from '../src/promql/inline-recordings.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { renderPromql } from '../src/promql/render.ts';

const rule = (name: string, expr: string, labels: Record<string, string> = {}, intervalSeconds = 60) =>
  ({ name, expr: parsePromql(expr), labels, intervalSeconds }) satisfies RecordingSource;

const RULES = [
  rule('queue:depth:max', 'max by (queue) (queue_depth)', { team: 'jobs' }),
  rule('slo:errors:rate5m', 'sum(rate(errors_total[5m]))', { sloth_id: 'a' }),
  rule('slo:errors:rate5m', 'sum(rate(failures_total[5m]))', { sloth_id: 'b' }),
  rule('slo:ratio:rate1h', 'sum_over_time(slo:errors:rate5m{sloth_id="a"}[1h])', { sloth_id: 'a' }, 300),
];

function inlined(expr: string, held: readonly string[] = []) {
  const result = inlineRecordings(parsePromql(expr), RULES, (name) => !held.includes(name));
  if ('refused' in result) return result;
  const text = renderPromql(result.expr);
  // What is sent to Prometheus reads back as the same expression.
  expect(renderPromql(parsePromql(text))).toBe(text);
  return { text, inlined: result.inlined, innerEvaluations: result.innerEvaluations };
}

describe('inlineRecordings', () => {
  it("replaces a recording's selector by its expression with the rule's labels", () => {
    expect(inlined('queue:depth:max > 100')).toEqual({
      text: '(label_replace(max by (queue) (queue_depth), "team", "jobs", "", "")) > 100',
      inlined: ['queue:depth:max'],
      innerEvaluations: 0,
    });
  });

  it('reads a range over a recording as a subquery at its interval, the samples the rule manager writes', () => {
    const result = inlined('max_over_time(queue:depth:max[5m]) > 100');
    expect(result).toMatchObject({ innerEvaluations: 5 });
    expect('text' in result && result.text).toBe(
      'max_over_time((label_replace(max by (queue) (queue_depth), "team", "jobs", "", ""))[5m:1m]) > 100',
    );
  });

  it("picks the rules of a shared name by the selector's matchers on their labels", () => {
    expect(inlined('slo:errors:rate5m{sloth_id="b"}')).toMatchObject({
      text: '(label_replace(sum(rate(failures_total[5m])), "sloth_id", "b", "", ""))',
    });
    expect(inlined('slo:errors:rate5m{sloth_id=~"a|b"}')).toMatchObject({
      text: '(label_replace(sum(rate(errors_total[5m])), "sloth_id", "a", "", "") or label_replace(sum(rate(failures_total[5m])), "sloth_id", "b", "", ""))',
    });
    // No rule records what the selector asks for: nothing, as on a server that holds the recording.
    expect(inlined('slo:errors:rate5m{sloth_id="c"}')).toMatchObject({ text: 'vector(1) < 0' });
  });

  it('applies matchers on computed labels as a list of values, kept or dropped', () => {
    expect(inlined('queue:depth:max{queue=~"a|b\\\\.c"}')).toMatchObject({
      text: '(label_replace(max by (queue) (queue_depth), "team", "jobs", "", "") and on (queue) (label_replace(vector(1), "queue", "a", "", "") or label_replace(vector(1), "queue", "b.c", "", "")))',
    });
    expect(inlined('queue:depth:max{queue!="a"}')).toMatchObject({
      text: '(label_replace(max by (queue) (queue_depth), "team", "jobs", "", "") unless on (queue) label_replace(vector(1), "queue", "a", "", ""))',
    });
  });

  it('computes recordings of recordings, unless the server holds the inner one', () => {
    const deep = inlined('slo:ratio:rate1h{sloth_id="a"} > 0.1');
    expect(deep).toMatchObject({ inlined: ['slo:errors:rate5m', 'slo:ratio:rate1h'], innerEvaluations: 60 });
    expect(inlined('slo:ratio:rate1h{sloth_id="a"} > 0.1', ['slo:errors:rate5m'])).toMatchObject({
      text: '(label_replace(sum_over_time(slo:errors:rate5m{sloth_id="a"}[1h]), "sloth_id", "a", "", "")) > 0.1',
      inlined: ['slo:ratio:rate1h'],
      innerEvaluations: 0,
    });
    expect(inlined('max_over_time(slo:ratio:rate1h{sloth_id="a"}[1h])')).toMatchObject({
      innerEvaluations: (3600 / 300) * (1 + 60),
    });
  });

  it('refuses what it cannot compute faithfully, saying why', () => {
    expect(inlined('queue:depth:max{queue=~"a.*"}')).toEqual({
      refused: 'the matcher queue=~"a.*" on a computed recording is no list of values',
    });
    expect(inlined('queue:depth:max offset 5m')).toEqual({
      refused: 'queue:depth:max is read with offset or @, which a computed recording cannot follow',
    });
  });
});
