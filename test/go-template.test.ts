// The Go template parser's cache: keyed by dialect and source, whatever the source holds.
import { describe, expect, it } from 'vitest';
import { ALERTMANAGER_TEMPLATES, parseTemplate, TemplateError } from '../src/template/go-template.ts';

describe('parseTemplate', () => {
  it('reads a source with a NUL in it as text (the cache key cannot be confused by it)', () => {
    expect(parseTemplate('x\u0000y')).toEqual([{ kind: 'text', text: 'x\u0000y' }]);
  });

  it('caches per dialect: one source, a function Prometheus has and Alertmanager lacks', () => {
    const source = '{{ 1 | humanize }}';
    expect(parseTemplate(source)).toHaveLength(1);
    expect(() => parseTemplate(source, ALERTMANAGER_TEMPLATES)).toThrow(TemplateError);
    expect(parseTemplate(source)).toHaveLength(1);
  });
});
