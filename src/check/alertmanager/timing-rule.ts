import { parseDuration } from '../../model/duration.ts';
import { subjectOf } from '../../subject.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';
import { positionedRoutes } from './route-positions.ts';

/** Alertmanager's defaults, which a route without its own value inherits from the root. */
const DEFAULT_GROUP_INTERVAL = 5 * 60;
const DEFAULT_REPEAT_INTERVAL = 4 * 3600;

/**
 * A group's notifications are sent only at group_interval ticks, so a repeat_interval shorter than
 * the group_interval it meets (its own or inherited) repeats at group_interval, not as written.
 */
export const timingRule: ProjectRule = {
  id: 'alertmanager/timing',
  description:
    'A route whose repeat_interval (its own or inherited) is shorter than its group_interval: notifications repeat only at group_interval ticks, so the repeat is not what it says (warning).',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    return positionedRoutes(alertmanager.config.route).flatMap(({ route, position, ancestors }): RuleFinding[] => {
      if (route.groupInterval === undefined && route.repeatInterval === undefined) return [];
      // Alertmanager's default when no route up the tree sets it; undefined when the value is no
      // duration (alertmanager/structure reports that, and there is no timing to compare).
      const effective = (field: 'groupInterval' | 'repeatInterval', byDefault: number): number | undefined => {
        const written = [...ancestors, route].reverse().find((r) => r[field] !== undefined)?.[field];
        return written === undefined ? byDefault : parseDuration(written);
      };
      const group = effective('groupInterval', DEFAULT_GROUP_INTERVAL);
      const repeat = effective('repeatInterval', DEFAULT_REPEAT_INTERVAL);
      if (group === undefined || repeat === undefined || repeat >= group) return [];
      return [
        alertmanagerFinding(
          this.id,
          'warning',
          subjectOf.route(position),
          route.at,
          `repeat_interval ${repeat} s is shorter than group_interval ${group} s: notifications repeat every ${group} s, not every ${repeat} s.`,
          'Make repeat_interval a multiple of group_interval (Alertmanager: usually hours, against minutes).',
        ),
      ];
    });
  },
};
