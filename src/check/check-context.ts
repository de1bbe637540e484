import type { SystemArtifacts } from '../compile/system-artifacts.ts';
import type { SystemFacts } from '../derive/system-facts.ts';
import type { CheckContext } from './rule.ts';

/** A check context over a system's facts and artifacts, with its own memo for `once`. */
export function checkContext(facts: SystemFacts, artifacts: readonly SystemArtifacts[]): CheckContext {
  const memo = new Map<(context: CheckContext) => unknown, unknown>();
  const context: CheckContext = {
    ...facts,
    artifacts,
    once<T>(derive: (context: CheckContext) => T): T {
      if (!memo.has(derive)) memo.set(derive, derive(context));
      return memo.get(derive) as T;
    },
  };
  return context;
}
