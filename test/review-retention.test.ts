// A build that writes the review pages without keeping the review model (build, check) writes the
// same pages as one that keeps it (diff, library callers): each system's page is rendered as the
// system is built, with the receivers the project's Alertmanager routes its alerts to.
import { describe, expect, it } from 'vitest';
import { compileProject, compileProjectInto } from '../src/pipeline/build-project.ts';
import type { OutputFile } from '../src/compile/output-file.ts';
import { alertingProject } from './fixtures/alerting-project.ts';

describe('the review model, kept or not', () => {
  const definitions = alertingProject();
  const kept = compileProject(definitions);
  const written: OutputFile[] = [];
  const unkept = compileProjectInto(definitions, (files) => written.push(...files), { keepReview: false });

  it('is left out of a build that does not keep it', () => {
    expect(unkept.review).toBeUndefined();
    expect(kept.review.systems.map((system) => system.name)).toEqual(['shop']);
  });

  it('changes no file: the same paths and the same text, the review pages with their receivers included', () => {
    expect(unkept.paths).toEqual(kept.files.map((file) => file.path));
    const byPath = new Map(written.map((file) => [file.path, file.content]));
    for (const file of kept.files) expect(byPath.get(file.path), file.path).toBe(file.content);
    const page = byPath.get('reports/systems/shop.html') ?? '';
    const receivers = kept.review.systems[0]!.alerts.flatMap((alert) => alert.receivers);
    expect(receivers.length).toBeGreaterThan(0);
    for (const receiver of receivers) expect(page).toContain(receiver);
  });
});
