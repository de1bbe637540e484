import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { emitYaml, type YamlValue } from '../src/compile/yaml-emitter.ts';
import definitions from '../definitions/index.ts';

const TRICKY = [
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'true',
  'null',
  '~',
  '',
  ' padded',
  'trailing ',
  '1e3',
  '0x1F',
  '0o17',
  '.inf',
  '-.NaN',
  '1:30',
  '2001-12-14',
  '+1',
  '-1',
  '.5',
  '5m',
  '1h30m',
  'a: b',
  'a #b',
  'ends:',
  '- dash',
  '? q',
  ': colon',
  '[list]',
  '{map}',
  '#hash',
  '&anchor',
  '*alias',
  '!tag',
  '|pipe',
  '>fold',
  "'single",
  '"double',
  '%percent',
  '@at',
  '`tick',
  'multi\nline',
  'multi\nline\n',
  'kept\n\n',
  '\nleading break',
  ' leading blank\nline',
  'x\n  indented\n',
  '\ttabbed\n\tlines',
  '  \n',
  '\n',
  'a\n \nb',
  '{\n  "json": [1, 2]\n}\n',
  'tab\there',
  'back\\slash',
  'quote"inside',
  '{{ $labels.service_name }} fails {{ $value | humanizePercentage }}.',
  'sum by (le) (rate(x_bucket{le=~"2(\\\\.0)?"}[5m])) > 0.5',
  'ünïcødé ✓',
];

describe('the YAML emitter', () => {
  it.each(TRICKY)('%j reads back as the same string', (text) => {
    const document = { key: text, list: [text, { nested: text }] };
    expect(parse(emitYaml(document))).toEqual(document);
  });

  it('any string of lines, blanks, tabs and YAML indicators reads back the same (block or quoted)', () => {
    const piece = fc.constantFrom(
      '\n',
      ' ',
      '  ',
      '\t',
      'a',
      '#',
      '- ',
      ': ',
      '|',
      '>',
      '"',
      "'",
      '{',
      '}',
      '\r',
      'é',
      '…',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        const document = { key: text, list: [text, { nested: text }] };
        expect(parse(emitYaml(document))).toEqual(document);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a multi-line string as a literal block', () => {
    expect(emitYaml({ data: { 'a.json': '{\n  "a": 1\n}\n' } })).toBe(
      'data:\n  a.json: |\n    {\n      "a": 1\n    }\n',
    );
  });

  it('writes numbers, booleans, empty collections and nested lists', () => {
    const document: YamlValue = {
      n: 0.0144,
      i: 30,
      neg: -1,
      t: true,
      empty: [],
      none: {},
      lists: [[1, 2], [], { a: [] }],
    };
    expect(parse(emitYaml(document))).toEqual(document);
  });

  it('writes a map in a list with its first key on the dash line', () => {
    expect(emitYaml({ rules: [{ alert: 'X', expr: 'up == 0' }] })).toBe('rules:\n  - alert: X\n    expr: up == 0\n');
  });

  it('every generated YAML file of definitions/ parses cleanly and means what was emitted', () => {
    const files = compileProject(definitions).files.filter((f) => f.path.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const [document, ...more] = parseAllDocuments(file.content);
      expect({ file: file.path, errors: document?.errors, warnings: document?.warnings, more: more.length }).toEqual({
        file: file.path,
        errors: [],
        warnings: [],
        more: 0,
      });
      const body = file.content
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n');
      expect(emitYaml(document!.toJS() as YamlValue), file.path).toBe(body);
    }
  });
});
