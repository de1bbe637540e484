import type { z } from 'zod';
import { catalogSchema, labelDomainSchema, metricSpecSchema } from '../../model/catalog-schema.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const catalogShapeRule: CheckRule = {
  id: 'catalog/invalid',
  description:
    'A catalog, label domain or metric does not have a valid shape (durations, budgets, buckets, quantiles, drops).',
  check({ project }) {
    const findings: RuleFinding[] = [];
    const report = (subject: string, at: SourceLocation, error: z.ZodError): void => {
      for (const issue of error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `${where}${issue.message}.`,
          subject,
          at,
          hint: 'Fix the definition; docs/catalogs.md lists the accepted shapes.',
          allowedBy: [],
        });
      }
    };
    for (const system of project.systems) {
      const catalog = system.catalog;
      const catalogResult = catalogSchema.safeParse(catalog);
      if (!catalogResult.success) report(subjectOf.catalog(system.name), catalog.at, catalogResult.error);
      for (const [label, domain] of Object.entries(catalog.labels)) {
        const result = labelDomainSchema.safeParse(domain);
        if (!result.success) report(subjectOf.label(system.name, label), domain.at, result.error);
      }
      for (const metric of catalog.metricList) {
        const result = metricSpecSchema.safeParse(metric.spec);
        if (!result.success) report(subjectOf.metric(metric), metric.spec.at, result.error);
      }
    }
    return findings;
  },
};
