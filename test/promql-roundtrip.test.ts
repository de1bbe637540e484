// parse(render(ast)) is ast, for expressions built from the grammar's tricky corners (vector
// matching with empty and parenthesised operands, grouping, subqueries, offsets, unary minus,
// precedence) and for every corpus expression. The renderer writes what the generated rule files
// hold, so a rendering that reparses differently is a wrong rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromql } from '../src/promql/parse.ts';
import { renderPromql } from '../src/promql/render.ts';
import { CORPORA, ruleExpressions } from './support/corpus.ts';

/** The AST without source spans and parentheses, which rendering is free to change (it adds just the needed ones). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  if ((value as { type?: unknown }).type === 'paren') return shape((value as { expr: unknown }).expr);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'span')
      .map(([key, inner]) => [key, shape(inner)]),
  );
}

const label = fc.constantFrom('a', 'job', 'le', 'instance');
const labels = fc.uniqueArray(label, { maxLength: 2 }).map((list) => list.join(', '));
const selector = fc
  .tuple(
    fc.constantFrom('x', 'y', 'up', 'http_requests_total'),
    fc.option(fc.tuple(label, fc.constantFrom('=', '!=', '=~', '!~'), fc.constantFrom('v', '5..', '')), {
      nil: undefined,
    }),
  )
  .map(([name, matcher]) => (matcher === undefined ? name : `${name}{${matcher[0]}${matcher[1]}"${matcher[2]}"}`));
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    fc.constantFrom('1', '0.5', '-2', 'NaN', 'Inf'),
    selector.map((s) => `rate(${s}[5m])`),
    fc
      .tuple(selector, fc.constantFrom('5m', '1h'))
      .map(([s, r]) => `${s}[${r}] offset ${r}`)
      .map((s) => `sum_over_time(${s})`),
    fc
      .tuple(fc.constantFrom('sum', 'max', 'count'), fc.constantFrom('by', 'without'), labels, tie('expr'))
      .map(([op, kind, by, inner]) => `${op} ${kind} (${by}) (${inner})`),
    tie('expr').map((inner) => `(${inner})`),
    tie('expr').map((inner) => `-(${inner})`),
    tie('expr').map((inner) => `max_over_time((${inner})[30m:1m])`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', '*', '/', '>', '== bool', 'and', 'unless', '^'),
        fc.constantFrom('', 'on', 'ignoring'),
        labels,
        fc.constantFrom('', 'group_left', 'group_right'),
        labels,
        tie('expr'),
      )
      .map(([left, op, matching, on, group, include, right]) => {
        const setOp = op === 'and' || op === 'unless';
        const modifier =
          matching === '' ? '' : ` ${matching}(${on})${group === '' || setOp ? '' : ` ${group}(${include})`}`;
        return `${left} ${op}${modifier} ${right}`;
      }),
  ),
})).expr;

describe('rendering PromQL', () => {
  it('reparses to the same AST for generated expressions (fast-check)', () => {
    fc.assert(
      fc.property(expression, (text) => {
        let ast;
        try {
          ast = parsePromql(text);
        } catch {
          return; // not valid PromQL (e.g. a type error the generator cannot avoid): nothing to render
        }
        const rendered = renderPromql(ast);
        expect(shape(parsePromql(rendered)), `${text}\n  rendered as ${rendered}`).toEqual(shape(ast));
        expect(renderPromql(parsePromql(rendered)), 'rendering is canonical').toBe(rendered);
      }),
      { numRuns: 2000 },
    );
  });

  it('reparses to the same AST for every expression of both corpora', () => {
    let checked = 0;
    for (const { expr } of CORPORA.flatMap((corpus) => ruleExpressions('prometheus-rules', () => true, corpus))) {
      const ast = parsePromql(expr);
      expect(shape(parsePromql(renderPromql(ast))), expr).toEqual(shape(ast));
      checked++;
    }
    expect(checked).toBe(1679 + 936);
  });

  it.each(['x * on(a) group_left() (y + z)', 'x / ignoring(a) group_right() (sum by (a) (y))'])(
    'keeps the parentheses of an empty group modifier: %s',
    (text) => {
      expect(shape(parsePromql(renderPromql(parsePromql(text))))).toEqual(shape(parsePromql(text)));
    },
  );

  it.each(['-(x) ^ -2', '-(x * -2)', 'x ^ -2', '-2 * x', '+2'])(
    'reads a signed number literal as one number wherever it stands: %s',
    (text) => {
      expect(shape(parsePromql(renderPromql(parsePromql(text))))).toEqual(shape(parsePromql(text)));
      expect(JSON.stringify(shape(parsePromql(text)))).not.toMatch(
        /"type":"unary","op":"[-+]","expr":\{"type":"number"/,
      );
    },
  );
});
