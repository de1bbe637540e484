import type { SourceLocation } from '../model/source-location.ts';
import type { Allow } from '../model/suppression.ts';
import type { Project } from '../model/system.ts';
import { subjectOf } from '../subject.ts';

/** A place in the definitions that carries `allow` entries, keyed by its subject. */
export interface AllowSite {
  readonly subject: string;
  readonly at: SourceLocation;
  readonly allow: readonly Allow[];
}

export function collectAllowSites(project: Project): Map<string, AllowSite> {
  const sites = new Map<string, AllowSite>();
  const add = (site: AllowSite): void => {
    if (site.allow.length > 0) sites.set(site.subject, site);
  };
  for (const system of project.systems) {
    add({ subject: subjectOf.catalog(system.name), at: system.catalog.at, allow: system.catalog.allow });
    for (const metric of system.catalog.metricList)
      add({ subject: subjectOf.metric(metric), at: metric.spec.at, allow: metric.spec.allow });
    for (const slo of system.slos)
      add({ subject: subjectOf.slo(system.name, slo.name), at: slo.at, allow: slo.allow ?? [] });
    for (const group of system.ruleGroups) {
      for (const rule of group.rules)
        add({ subject: subjectOf.rule(system.name, rule), at: rule.at, allow: rule.allow ?? [] });
    }
    for (const query of system.cloudwatch?.queries ?? [])
      add({ subject: subjectOf.logsQuery(system.name, query.name), at: query.at, allow: query.allow });
    for (const alarm of system.cloudwatch?.alarms ?? [])
      add({ subject: subjectOf.alarm(system.name, alarm.name), at: alarm.at, allow: alarm.allow });
    for (const dashboard of system.dashboards)
      add({
        subject: subjectOf.dashboard(system.name, dashboard.name),
        at: dashboard.at,
        allow: dashboard.spec.allow ?? [],
      });
  }
  return sites;
}
