// The notifications a receiver would have had from alert episodes, through routing, grouping,
// Alertmanager's timers and inhibitions (src/derive/alertmanager/notification-simulation.ts).
import { describe, expect, it } from 'vitest';
import {
  simulateNotifications,
  type RouteTiming,
  type SimulatedAlert,
} from '../src/derive/alertmanager/notification-simulation.ts';
import { alertmanager, inhibit, receiver, route, type Route } from '../src/index.ts';

const pager = receiver('pager');
const chat = receiver('chat');
const config = alertmanager({
  route: {
    receiver: chat,
    groupBy: ['alertname'],
    routes: [
      route({ matchers: { severity: 'critical' }, receiver: pager, continue: true }),
      route({ matchers: { system: 'shop' }, receiver: chat }),
    ],
  },
});
const timing: RouteTiming = { groupBy: ['alertname'], groupWait: 30, groupInterval: 300, repeatInterval: 3600 };
const range = { start: 0, end: 7 * 86_400 };

const alert = (labels: Record<string, string>, ...firing: [number, number][]): SimulatedAlert => ({
  labels: { system: 'shop', ...labels },
  firing,
});

function pages(
  alerts: readonly SimulatedAlert[],
  inhibitions = config.inhibitions.flatMap((i) => (i.kind === 'inhibition' ? [i] : [])),
) {
  return simulateNotifications(alerts, { route: config.route, inhibitions }, () => timing, range);
}

describe('simulateNotifications', () => {
  it('one page per group life: group_wait after the first alert, none while it keeps firing, a repeat after repeat_interval', () => {
    const [result] = pages([alert({ alertname: 'Down', severity: 'critical' }, [1000, 1000 + 2 * 3600])]).filter(
      (r) => r.receiver === 'pager',
    );
    // Flushes at 1030, 1330, …: repeats at 1030 + 3600 and + 7200 would be the second and third sends,
    // but the alert resolved at 8200, so only the first repeat (4630) falls inside.
    expect(result).toMatchObject({ receiver: 'pager', pages: 1, repeats: 1, perWeek: 1 });
  });

  it('a group that emptied is deleted: the next alert waits group_wait again and pages again', () => {
    const result = pages([alert({ alertname: 'Down', severity: 'critical' }, [1000, 1100], [5000, 5100])]);
    expect(result.find((r) => r.receiver === 'pager')).toMatchObject({ pages: 2, repeats: 0 });
  });

  it('an alert that fires and resolves between two flushes of a live group is never sent', () => {
    const result = pages([
      alert({ alertname: 'Down', severity: 'critical', instance: 'a' }, [1000, 9000]),
      // Flushes at 1030, 1330, 1630: this one lives within (1330, 1630).
      alert({ alertname: 'Down', severity: 'critical', instance: 'b' }, [1400, 1500]),
    ]);
    expect(result.find((r) => r.receiver === 'pager')).toMatchObject({ pages: 1 });
  });

  it('a new alert joining a firing group pages at the next group_interval flush', () => {
    const result = pages([
      alert({ alertname: 'Down', severity: 'critical', instance: 'a' }, [1000, 9000]),
      alert({ alertname: 'Down', severity: 'critical', instance: 'b' }, [1400, 9000]),
    ]);
    expect(result.find((r) => r.receiver === 'pager')).toMatchObject({ pages: 2 });
  });

  it('group_by splits groups; continue sends to both receivers', () => {
    const result = pages([
      alert({ alertname: 'Down', severity: 'critical' }, [1000, 2000]),
      alert({ alertname: 'Slow', severity: 'critical' }, [1000, 2000]),
    ]);
    expect(result).toEqual([
      { receiver: 'chat', pages: 2, repeats: 0, perWeek: 2, inhibitedSeconds: 0 },
      { receiver: 'pager', pages: 2, repeats: 0, perWeek: 2, inhibitedSeconds: 0 },
    ]);
  });

  it('an inhibited alert is muted while its source fires with equal labels, not while another service fires', () => {
    const rule = inhibit({ source: { severity: 'critical' }, target: { severity: 'warning' }, equal: ['service'] });
    const warning = alert({ alertname: 'Slow', severity: 'warning', service: 'cart' }, [1000, 4000]);
    const sameService = alert({ alertname: 'Down', severity: 'critical', service: 'cart' }, [0, 5000]);
    const otherService = alert({ alertname: 'Down', severity: 'critical', service: 'pay' }, [0, 5000]);
    const chatOf = (alerts: SimulatedAlert[]) => pages(alerts, [rule]).find((r) => r.receiver === 'chat')!;
    expect(chatOf([warning, sameService])).toMatchObject({ inhibitedSeconds: 3000 });
    // Muted throughout: the warning's group never sends, only the critical's does.
    expect(chatOf([warning, sameService]).pages).toBe(1);
    expect(chatOf([warning, otherService])).toMatchObject({ pages: 2, inhibitedSeconds: 0 });
  });

  it('route timers are inherited down the path', () => {
    const seen: (readonly Route[])[] = [];
    simulateNotifications(
      [alert({ alertname: 'Down', severity: 'critical' }, [0, 100])],
      { route: config.route, inhibitions: [] },
      (path) => {
        seen.push(path);
        return timing;
      },
      range,
    );
    expect(seen.map((path) => path.map((r) => r.receiver?.name ?? '-'))).toEqual([
      ['chat', 'pager'],
      ['chat', 'chat'],
    ]);
  });
});
