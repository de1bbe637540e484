import { mayCarry } from '../../derive/alert-label-set.ts';
import { matcherList, matchesAll } from '../../derive/alertmanager/route-matchers.ts';
import { subjectOf } from '../../subject.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';

export const inhibitEqualRule: ProjectRule = {
  id: 'alertmanager/inhibit-equal',
  description:
    "An inhibition's equal label that a source and a target alert both lack: Alertmanager compares empty with empty, so the source silences targets of other services or systems.",
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    return alertmanager.inhibitions.flatMap((inhibition, index): RuleFinding[] => {
      const [sourceMatchers, targetMatchers] = [matcherList(inhibition.source), matcherList(inhibition.target)];
      const sources = alertmanager.routings.filter((r) => matchesAll(sourceMatchers, r.labels));
      const targets = alertmanager.routings.filter((r) => matchesAll(targetMatchers, r.labels));
      const findings: RuleFinding[] = [];
      for (const label of inhibition.equal) {
        const source = sources.find((s) => !mayCarry(s.alert, s.labels, label));
        const target =
          source === undefined
            ? undefined
            : targets.find((t) => t.alert !== source.alert && !mayCarry(t.alert, t.labels, label));
        if (source === undefined || target === undefined) continue;
        findings.push(
          alertmanagerFinding(
            this.id,
            'error',
            subjectOf.inhibition(index),
            inhibition.at,
            `equal ${label}: neither ${source.alert.system}/${source.alert.alert} (source) nor ${target.alert.system}/${target.alert.alert} (target) carries ${label}, so the first silences the second whatever they are about.`,
            `Narrow source and target to alerts that carry ${label} (e.g. ${label}=~".+"), or compare on a label both carry.`,
          ),
        );
      }
      return findings;
    });
  },
};

export const inhibitUnmatchedRule: ProjectRule = {
  id: 'alertmanager/inhibit-unmatched',
  description:
    'An inhibition whose source or target matchers select no alert of the project: it never silences anything (warning).',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    return alertmanager.inhibitions.flatMap((inhibition, index): RuleFinding[] =>
      (['source', 'target'] as const)
        .filter((side) => {
          const matchers = matcherList(inhibition[side]);
          return !alertmanager.routings.some((r) => matchesAll(matchers, r.labels));
        })
        .map((side) =>
          alertmanagerFinding(
            this.id,
            'warning',
            subjectOf.inhibition(index),
            inhibition.at,
            `The inhibition's ${side} matches no alert of the project.`,
            'Fix its matchers against the labels the alerts carry, or remove it.',
          ),
        ),
    );
  },
};
