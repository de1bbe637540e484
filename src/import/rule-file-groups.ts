import { yamlDocuments } from './yaml-documents.ts';

/**
 * The rule groups a file holds, read as Prometheus and prometheus-operator read it: a rule file's
 * `groups:`; a PrometheusRule resource's `spec.groups` (what the operator hands Prometheus); a
 * stream of documents adds up. Empty when there are none.
 */
export function ruleFileGroups(text: string): unknown[] {
  const documents = yamlDocuments(text) as ({ groups?: unknown; kind?: unknown; spec?: { groups?: unknown } } | null)[];
  return documents.flatMap((document): unknown[] => {
    if (Array.isArray(document?.groups)) return document.groups as unknown[];
    if (document?.kind === 'PrometheusRule' && Array.isArray(document.spec?.groups))
      return document.spec.groups as unknown[];
    return [];
  });
}
