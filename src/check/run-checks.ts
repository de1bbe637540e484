import { collectAllowSites, type AllowSite } from './allow-sites.ts';
import { compareFindings, type Finding, type SuppressedFinding } from '../finding.ts';
import { refusedByTarget } from './refused-by-target.ts';
import { RULE_IDS, RULES } from './registry.ts';
import {
  isProjectRule,
  type CheckContext,
  type ProjectCheckContext,
  type CheckRule,
  type RuleFinding,
} from './rule.ts';

export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/** What the system rules found in one context, before `allow` entries apply, and the entries it carries. */
export interface SystemFindings {
  readonly findings: readonly RuleFinding[];
  readonly sites: readonly AllowSite[];
}

/** Runs the system rules (those for which `only` holds) on a context: one system's, or a whole project's. */
export function checkSystem(context: CheckContext, only: (rule: CheckRule) => boolean = () => true): SystemFindings {
  const findings: RuleFinding[] = [];
  for (const rule of RULES) if (!isProjectRule(rule) && only(rule)) findings.push(...rule.check(context));
  return { findings, sites: [...collectAllowSites(context.project).values()] };
}

/**
 * One build's findings, gathered system by system and then once for the project, with `allow`
 * entries applied: a finding is silenced only by an entry for its rule on one of the subjects it
 * names. Entries that name no rule, or silence nothing, are findings themselves, so a
 * suppression cannot outlive its reason unnoticed; that is decided in `result`, after every
 * rule has run.
 */
export class CheckRun {
  /** Rule ids an `allow` may name: obsgen's and the project's own checks'. */
  private readonly ruleIds: ReadonlySet<string>;

  constructor(projectCheckIds: readonly string[] = []) {
    this.ruleIds = new Set([...RULE_IDS, ...projectCheckIds]);
  }

  private readonly sites = new Map<string, AllowSite>();
  private readonly used = new Set<string>();
  private readonly findings: Finding[] = [];
  private readonly suppressed: SuppressedFinding[] = [];

  /** A system's findings; its sites are known first, as the findings name only its own subjects. */
  add(system: SystemFindings): void {
    for (const site of system.sites) this.sites.set(site.subject, site);
    this.apply(system.findings);
  }

  /** Runs the project rules, after every system has been added (their `allow` sites are needed). */
  checkProject(context: ProjectCheckContext): void {
    for (const rule of RULES) if (isProjectRule(rule)) this.apply(rule.check(context));
  }

  result(): CheckResult {
    const findings = [...this.findings];
    for (const site of this.sites.values()) {
      site.allow.forEach((allow, index) => {
        if (!this.ruleIds.has(allow.rule)) {
          findings.push({
            rule: 'allow/unknown-rule',
            severity: 'error',
            message: `allow names ${allow.rule}, which is not a rule.`,
            subject: site.subject,
            at: site.at,
            hint: 'Use a rule id printed by obsgen check (docs/checks.md lists them all).',
          });
        } else if (refusedByTarget(allow.rule)) {
          findings.push({
            rule: 'allow/not-allowed',
            severity: 'error',
            message: `allow names ${allow.rule}, which no allow can silence: the real tool would refuse what it reports.`,
            subject: site.subject,
            at: site.at,
            hint: 'Fix what the finding reports and remove the entry.',
          });
        } else if (!this.used.has(`${site.subject}#${index}`)) {
          findings.push({
            rule: 'allow/unused',
            severity: 'warning',
            message: `allow ${allow.rule} on ${site.subject} silences nothing.`,
            subject: site.subject,
            at: site.at,
            hint: 'Remove the entry so it cannot hide a future finding.',
          });
        }
      });
    }
    return {
      findings: findings.sort(compareFindings),
      suppressed: [...this.suppressed].sort((a, b) => compareFindings(a.finding, b.finding)),
    };
  }

  private apply(raw: readonly RuleFinding[]): void {
    for (const one of raw) {
      const finding = stripAllowedBy(one);
      const match = (refusedByTarget(one.rule) ? [] : one.allowedBy)
        .map((subject) => this.sites.get(subject))
        .flatMap((site) => (site === undefined ? [] : site.allow.map((allow, index) => ({ site, allow, index }))))
        .find(({ allow }) => allow.rule === one.rule);
      if (match === undefined) {
        this.findings.push(finding);
      } else {
        this.used.add(`${match.site.subject}#${match.index}`);
        this.suppressed.push({ finding, reason: match.allow.reason });
      }
    }
  }
}

function stripAllowedBy(raw: RuleFinding): Finding {
  return {
    rule: raw.rule,
    severity: raw.severity,
    message: raw.message,
    subject: raw.subject,
    at: raw.at,
    hint: raw.hint,
    ...(raw.source === undefined ? {} : { source: raw.source }),
  };
}
