import { describe, expect, it } from 'vitest';
import { parsePromql } from '../src/promql/parse.ts';
import { selectedNames } from '../src/promql/selected-names.ts';

describe('selectedNames', () => {
  it('names what an expression reads from its syntax tree, not identifiers in its text', () => {
    const expr = parsePromql(
      'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left ' +
        'max_over_time({__name__="job:up:ratio", env="prod"}[1h:5m]) unless absent(label_replace(x, "rate", "$1", "sum", "(.*)"))',
    );
    expect(selectedNames(expr)).toEqual(['http_requests_total', 'job:up:ratio', 'x']);
  });

  it('leaves out a name it cannot know: a __name__ regexp', () => {
    expect(selectedNames(parsePromql('{__name__=~"job:.*"}'))).toEqual([]);
  });
});
