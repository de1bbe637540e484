import type { MimirTarget } from '../../model/deployment.ts';
import type { System } from '../../model/system.ts';
import type { CompiledRuleGroup } from '../prometheus/rule-group-documents.ts';
import type { YamlValue } from '../yaml-emitter.ts';

/** A Mimir/Cortex ruler namespace file as `mimirtool rules load` and `rules sync --rule-dirs` read it. */
export interface MimirNamespaceDocument {
  readonly namespace: string;
  readonly groups: readonly { readonly [key: string]: YamlValue }[];
}

export function mimirNamespace(
  target: MimirTarget,
  system: System,
  ruleGroups: readonly CompiledRuleGroup[],
): MimirNamespaceDocument {
  return {
    namespace: `${target.namespacePrefix ?? ''}${system.name}`,
    groups: ruleGroups.map((compiled) => compiled.document),
  };
}
