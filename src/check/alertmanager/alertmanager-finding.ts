import type { RuleId } from '../../rule-id.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { Severity } from '../../finding.ts';
import type { RuleFinding } from '../rule.ts';

/** A finding about the Alertmanager configuration (no `allow` lists there: fix it, or say why in a comment). */
export function alertmanagerFinding(
  rule: RuleId,
  severity: Severity,
  subject: string,
  at: SourceLocation,
  message: string,
  hint: string,
): RuleFinding {
  return { rule, severity, subject, at, message, hint, allowedBy: [] };
}
