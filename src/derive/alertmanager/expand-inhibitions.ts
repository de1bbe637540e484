import type { Inhibition, SloBurnInhibitions } from '../../model/alertmanager/inhibition.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { planSlo } from '../slo/slo-plan.ts';

/**
 * The inhibitions as Alertmanager gets them: `sloBurnInhibitions()` becomes one rule per SLO that
 * pages and tickets (its fast burn silences its slow burn and no-data alerts, per group).
 */
export function expandInhibitions(
  inhibitions: readonly (Inhibition | SloBurnInhibitions)[],
  systems: readonly ValidSystem[],
): Inhibition[] {
  return inhibitions.flatMap((inhibition) => {
    if (inhibition.kind === 'inhibition') return [inhibition];
    return systems.flatMap((system) =>
      system.slos.flatMap((slo): Inhibition[] => {
        const plan = planSlo(system, slo);
        if (!plan.tiers.includes('page') || !plan.tiers.includes('ticket') || plan.variants.length === 0) return [];
        return [
          {
            kind: 'inhibition',
            source: { sloth_id: plan.id, sloth_severity: 'page' },
            target: { sloth_id: plan.id, sloth_severity: 'ticket' },
            equal: [...(slo.by ?? [])],
            at: inhibition.at,
          },
        ];
      }),
    );
  });
}
