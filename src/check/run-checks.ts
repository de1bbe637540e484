import { collectAllowSites } from './allow-sites.ts';
import { compareFindings, type Finding, type SuppressedFinding } from './finding.ts';
import { RULE_IDS, RULES } from './registry.ts';
import type { CheckContext, Rule, RuleFinding } from './rule.ts';

export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/**
 * Runs every rule and applies `allow` entries: a finding is silenced only by an entry for its
 * rule on one of the subjects it names. Entries that name no rule, or silence nothing, are
 * findings themselves, so a suppression cannot outlive its reason unnoticed.
 */
export function runChecks(context: CheckContext, rules: readonly Rule[] = RULES): CheckResult {
  const sites = collectAllowSites(context.project);
  const used = new Set<string>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of rules) {
    for (const raw of rule.check(context)) {
      const finding = stripAllowedBy(raw);
      const match = raw.allowedBy
        .map((subject) => sites.get(subject))
        .flatMap((site) => (site === undefined ? [] : site.allow.map((allow, index) => ({ site, allow, index }))))
        .find(({ allow }) => allow.rule === raw.rule);
      if (match === undefined) {
        findings.push(finding);
      } else {
        used.add(`${match.site.subject}#${match.index}`);
        suppressed.push({ finding, reason: match.allow.reason });
      }
    }
  }
  for (const site of sites.values()) {
    site.allow.forEach((allow, index) => {
      if (!RULE_IDS.has(allow.rule)) {
        findings.push({ rule: 'allow/unknown-rule', severity: 'error', message: `allow names ${allow.rule}, which is not a rule.`, subject: site.subject, at: site.at, hint: 'Use a rule id printed by obsgen check (see the README rule table).' });
      } else if (!used.has(`${site.subject}#${index}`)) {
        findings.push({ rule: 'allow/unused', severity: 'warning', message: `allow ${allow.rule} on ${site.subject} silences nothing.`, subject: site.subject, at: site.at, hint: 'Remove the entry so it cannot hide a future finding.' });
      }
    });
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort((a, b) => compareFindings(a.finding, b.finding)) };
}

function stripAllowedBy(raw: RuleFinding): Finding {
  return { rule: raw.rule, severity: raw.severity, message: raw.message, subject: raw.subject, at: raw.at, hint: raw.hint };
}
