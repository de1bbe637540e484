// The Alertmanager configuration obsgen writes and the checks on it: each alertmanager/* rule
// with the finding a user sees (rule id, subject, definition line), and amtool's verdict.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { urlCredential } from '../src/check/alertmanager/receiver-rules.ts';
import {
  alert,
  alertmanager as alertmanagerConfig,
  catalog,
  deployTime,
  gauge,
  gt,
  oneOf,
  project,
  ruleGroup,
  system,
  grafanaOnCall,
  inhibit,
  notificationTemplate,
  pagerduty,
  re,
  receiver,
  route,
  secretFile,
  slack,
  timeInterval,
  useTemplate,
  webhook,
  type Project,
} from '../src/index.ts';
import { alertingProject, catchAll, chat, pager, routes } from './fixtures/alerting-project.ts';
import { obsgen, tempDir } from './support/cli.ts';

const FIXTURE = 'test/fixtures/alerting-project.ts';

function findings(definitions: Project, prefix = 'alertmanager/') {
  return compileProject(definitions).findings.filter((f) => f.rule.startsWith(prefix));
}

/** The generated files written to a scratch directory, as a deployment would get them. */
function writeOutput(definitions: Project): string {
  const out = mkdtempSync(path.join(tmpdir(), 'obsgen-am-'));
  for (const file of compileProject(definitions).files) {
    mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
    writeFileSync(path.join(out, file.path), file.content);
  }
  return out;
}

function amtool(...args: string[]): { status: number | null; output: string } {
  const binary = locateTool('amtool');
  if (binary === undefined) throw new Error(missingToolMessage('amtool'));
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a routed project', () => {
  const definitions = alertingProject({
    inhibitions: [
      inhibit({
        source: { severity: 'critical' },
        target: { severity: 'warning' },
        equal: ['system', 'symptom', 'service_name'],
      }),
    ],
  });

  it('has no finding, and amtool check-config accepts what it writes', () => {
    expect(compileProject(definitions).findings).toEqual([]);
    const out = writeOutput(definitions);
    const checked = amtool('check-config', path.join(out, 'alertmanager/alertmanager.yml'));
    expect(checked.output).toContain('SUCCESS');
    expect(checked.status).toBe(0);
  });

  it('writes current syntax: matchers, secrets as *_file, every alert labelled with its system', () => {
    const files = new Map(compileProject(definitions).files.map((f) => [f.path, f.content]));
    const config = parseYaml(files.get('alertmanager/alertmanager.yml')!) as Record<string, unknown>;
    expect(config).toMatchObject({
      templates: ['templates/*.tmpl'],
      route: {
        receiver: 'catch-all',
        routes: [{ receiver: 'pager', matchers: ['severity="critical"'] }, { receiver: 'chat' }],
      },
      inhibit_rules: [
        {
          source_matchers: ['severity="critical"'],
          target_matchers: ['severity="warning"'],
          equal: ['system', 'symptom', 'service_name'],
        },
      ],
      receivers: [
        { name: 'catch-all' },
        { name: 'pager', pagerduty_configs: [{ routing_key_file: '/etc/alertmanager/secrets/pd' }] },
        { name: 'chat', slack_configs: [{ api_url_file: '/etc/alertmanager/secrets/slack', channel: '#shop' }] },
      ],
    });
    expect(files.get('prometheus/shop/shop-alerts.rules.yml')).toContain('system: shop');
    expect(parseYaml(files.get('alertmanager/routing-tests.yml')!)).toEqual({
      tests: [
        {
          alert: 'shop/HighErrorRate',
          defined: 'test/fixtures/alerting-project.ts:25',
          receivers: ['pager'],
          routes: ['alertmanager/route/1'],
          labels: {
            alertname: 'HighErrorRate',
            service_name: 'cart',
            severity: 'critical',
            symptom: 'errors',
            system: 'shop',
          },
        },
        {
          alert: 'shop/ElevatedErrorRate',
          defined: 'test/fixtures/alerting-project.ts:26',
          receivers: ['chat'],
          routes: ['alertmanager/route/2'],
          labels: {
            alertname: 'ElevatedErrorRate',
            service_name: 'cart',
            severity: 'warning',
            symptom: 'errors',
            system: 'shop',
          },
        },
      ],
    });
    expect(files.get('reports/alert-routing.svg')).toContain('severity=&quot;critical&quot; → pager (1 alert)');
  });
});

describe('routing checks', () => {
  it('alertmanager/unrouted: an alert only the root receiver takes, at the alert', () => {
    const found = findings(
      alertingProject({
        route: { ...routes(), routes: [route({ matchers: { severity: 'critical' }, receiver: pager })] },
      }),
    );
    expect(found.map((f) => [f.rule, f.subject, f.at.file])).toEqual([
      ['alertmanager/unrouted', 'shop/alert/ElevatedErrorRate', FIXTURE],
    ]);
    expect(found[0]!.message).toContain('reaches only the root receiver catch-all');
  });

  it('alertmanager/unmatchable-route: a label no alert carries (with the one meant), a severity no alert has', () => {
    const found = findings(
      alertingProject({
        route: {
          ...routes(),
          routes: [
            ...routes().routes!,
            route({ matchers: { sevrity: 'critical' }, receiver: pager }),
            route({ matchers: { severity: 'info' }, receiver: chat }),
          ],
        },
      }),
    );
    expect(found.map((f) => [f.rule, f.subject])).toEqual([
      ['alertmanager/unmatchable-route', 'alertmanager/route/3'],
      ['alertmanager/unmatchable-route', 'alertmanager/route/4'],
    ]);
    expect(found[0]!.hint).toBe('Did you mean severity?');
    expect(found[1]!.message).toContain('severity="info"');
    expect(found[0]!.at.file).toBe('test/alertmanager.test.ts');
  });

  it('alertmanager/shadowed-route: a route an earlier sibling without continue takes everything from', () => {
    const everything = route({ receiver: chat });
    const shadowed = findings(alertingProject({ route: { ...routes(), routes: [everything, ...routes().routes!] } }));
    expect(shadowed.map((f) => [f.rule, f.subject])).toEqual([
      ['alertmanager/shadowed-route', 'alertmanager/route/2'],
      ['alertmanager/shadowed-route', 'alertmanager/route/3'],
    ]);
    expect(shadowed[0]!.hint).toContain('continue: true');
    const continued = route({ receiver: chat, continue: true });
    expect(findings(alertingProject({ route: { ...routes(), routes: [continued, ...routes().routes!] } }))).toEqual([]);
  });

  it('alertmanager/group-by: a label none of the routed alerts carries', () => {
    const found = findings(alertingProject({ route: { ...routes(), groupBy: ['alertname', 'cluster'] } }));
    expect(found.map((f) => [f.rule, f.subject, f.message])).toEqual([
      [
        'alertmanager/group-by',
        'alertmanager/route/root',
        'group_by cluster: none of the 2 alerts routed here carries it.',
      ],
    ]);
  });
});

describe('inhibitions', () => {
  it('alertmanager/inhibit-equal: an equal label both sides lack silences across services', () => {
    const found = findings(
      alertingProject({
        inhibitions: [
          inhibit({ source: { severity: 'critical' }, target: { severity: 'warning' }, equal: ['cluster'] }),
        ],
      }),
    );
    expect(found.map((f) => [f.rule, f.subject])).toEqual([
      ['alertmanager/inhibit-equal', 'alertmanager/inhibition/1'],
    ]);
    expect(found[0]!.message).toContain(
      'neither shop/HighErrorRate (source) nor shop/ElevatedErrorRate (target) carries cluster',
    );
  });

  it("alertmanager/inhibit-equal counts the labels an untested alert's expression carries", () => {
    const queue = catalog('queue', {
      scrapeInterval: '15s',
      instances: 1,
      labels: { queue: oneOf('a', 'b') },
      metrics: { queue_depth: gauge({ help: 'Jobs waiting.', labels: ['queue'] }) },
    });
    const untested = { rule: 'alert/untested', reason: 'a routing test' } as const;
    const spec = { summary: 'Jobs pile up.', description: 'They do.', allow: [untested] };
    const withEqual = (label: string) =>
      project({
        systems: [
          system({
            catalog: queue,
            rules: [
              ruleGroup('queue', {
                rules: [
                  alert('QueueFull', { ...spec, expr: gt(queue.metrics.queue_depth, 500), severity: 'critical' }),
                  alert('QueueHigh', { ...spec, expr: gt(queue.metrics.queue_depth, 100), severity: 'warning' }),
                ],
              }),
            ],
          }),
        ],
        alertmanager: alertmanagerConfig({
          route: { receiver: chat, routes: [route({ matchers: { severity: 'critical' }, receiver: pager })] },
          inhibitions: [
            inhibit({ source: { alertname: 'QueueFull' }, target: { alertname: 'QueueHigh' }, equal: [label] }),
          ],
        }),
      });
    // queue_depth carries queue: equal compares real values although no test case shows one.
    expect(findings(withEqual('queue')).map((f) => f.rule)).not.toContain('alertmanager/inhibit-equal');
    expect(findings(withEqual('cluster')).map((f) => f.rule)).toContain('alertmanager/inhibit-equal');
  });

  it('alertmanager/inhibit-unmatched: a side that selects no alert (warning)', () => {
    const found = findings(
      alertingProject({
        inhibitions: [
          inhibit({ source: { alertname: 'ServiceDown' }, target: { severity: 'warning' }, equal: ['service_name'] }),
        ],
      }),
    );
    expect(found.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['alertmanager/inhibit-unmatched', 'warning', "The inhibition's source matches no alert of the project."],
    ]);
  });
});

describe('receivers', () => {
  it('alertmanager/literal-secret: keys, API URLs and tokens in webhook URLs written literally', () => {
    const leaky = [
      receiver('pd-literal', pagerduty({ routingKey: 'e93facc04764012d7bfb002500d5d1a6' })),
      receiver(
        'slack-literal',
        slack({ apiUrl: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX', channel: '#x' }),
      ),
      receiver(
        'oncall-literal',
        grafanaOnCall({ url: 'https://oncall.example.com/integrations/v1/alertmanager/Zk3mQ9pX2vL8rT5wY7nB1cD4/' }),
      ),
      receiver('hook-query', webhook({ url: 'https://hooks.example.com/am?token=s3cr3t' })),
    ];
    const found = findings(
      alertingProject({
        route: {
          ...routes(),
          routes: [
            ...routes().routes!,
            ...leaky.map((r) => route({ matchers: { severity: 'critical' }, receiver: r, continue: true })),
          ],
        },
      }),
    );
    expect(found.filter((f) => f.rule === 'alertmanager/literal-secret').map((f) => f.subject)).toEqual(
      leaky.map((r) => `alertmanager/receiver/${r.name}`),
    );
  });

  it('a deploy-time placeholder or a secret file is not a literal secret', () => {
    expect(urlCredential('https://oncall.example.com/integrations/v1/alertmanager/${ONCALL_TOKEN}/')).toBeUndefined();
    expect(urlCredential('https://hooks.example.com/am?token=${TOKEN}')).toBeUndefined();
    expect(urlCredential('https://user:pw@hooks.example.com/am')).toBe('a password in the URL');
    const safe = receiver('pd-deploy', pagerduty({ routingKey: deployTime('PD_KEY') }));
    const out = compileProject(
      alertingProject({
        route: {
          ...routes(),
          routes: [route({ matchers: { severity: 'critical' }, receiver: safe }), ...routes().routes!.slice(1)],
        },
      }),
    );
    expect(out.findings).toEqual([]);
    expect(out.files.find((f) => f.path === 'alertmanager/alertmanager.yml')!.content).toContain(
      'routing_key: ${PD_KEY}',
    );
  });

  it('alertmanager/unused: a receiver, template or time interval nothing uses (warning)', () => {
    const spare = receiver('spare');
    const found = findings(
      alertingProject({
        receivers: [spare],
        templates: [notificationTemplate('shop.unused', 'x')],
        timeIntervals: [timeInterval('weekends', [{ weekdays: ['saturday:sunday'] }])],
      }),
    );
    expect(found.map((f) => [f.rule, f.severity, f.subject])).toEqual([
      ['alertmanager/unused', 'warning', 'alertmanager/receiver/spare'],
      ['alertmanager/unused', 'warning', 'alertmanager/template/shop.unused'],
      ['alertmanager/unused', 'warning', 'alertmanager/time-interval/weekends'],
    ]);
  });
});

describe('notification templates', () => {
  const withText = (text: string, templates = [] as ReturnType<typeof notificationTemplate>[]) => {
    const custom = receiver('custom', slack({ apiUrl: secretFile('/run/slack'), channel: '#x', text }));
    return alertingProject({
      templates,
      route: {
        ...routes(),
        routes: [route({ matchers: { severity: 'critical' }, receiver: custom }), ...routes().routes!.slice(1)],
      },
    });
  };

  it.each([
    ['{{ range .Alerts }}{{ .Annotations.runbook_url }}', 'unexpected EOF'],
    ['{{ .Annotations.runbook_url | humanize }}', 'function "humanize" not defined'],
    [
      '{{ template "shop.missing" . }} {{ .Annotations.runbook_url }}',
      'invokes template "shop.missing", which is not defined',
    ],
  ])('alertmanager/template: %s', (text, message) => {
    const found = findings(withText(text)).filter((f) => f.rule === 'alertmanager/template');
    expect(found.map((f) => f.subject)).toEqual(['alertmanager/receiver/custom']);
    expect(found[0]!.message).toContain(message);
  });

  it('alertmanager/notification-links: a text of its own without the runbook (warning); through a template it counts', () => {
    expect(findings(withText('{{ .CommonLabels.alertname }} fires')).map((f) => [f.rule, f.severity])).toEqual([
      ['alertmanager/notification-links', 'warning'],
    ]);
    const linked = notificationTemplate('shop.text', '{{ range .Alerts }}{{ .Annotations.runbook_url }}{{ end }}');
    const custom = receiver(
      'custom',
      slack({ apiUrl: secretFile('/run/slack'), channel: '#x', text: useTemplate(linked) }),
    );
    const definitions = alertingProject({
      templates: [linked],
      route: {
        ...routes(),
        routes: [route({ matchers: { severity: 'critical' }, receiver: custom }), ...routes().routes!.slice(1)],
      },
    });
    expect(findings(definitions)).toEqual([]);
    const out = writeOutput(definitions);
    expect(amtool('check-config', path.join(out, 'alertmanager/alertmanager.yml')).status).toBe(0);
  });
});

describe('alertmanager/structure', () => {
  it('duplicate names, durations, clock times, weekdays and time zones amtool would refuse', () => {
    const hours = timeInterval('hours', [
      { times: [{ start: '09:00', end: '25:00' }], weekdays: ['mon'], location: 'Mars/Base' },
    ]);
    const twin = receiver('pager');
    const found = findings(
      alertingProject({
        route: {
          ...routes(),
          groupWait: 'soon' as '1m',
          routes: [
            route({ matchers: { severity: 'critical' }, receiver: pager, activeTimeIntervals: [hours] }),
            route({ matchers: { severity: 'warning' }, receiver: chat }),
            route({ matchers: { severity: re('none') }, receiver: twin }),
          ],
        },
      }),
    ).filter((f) => f.rule === 'alertmanager/structure');
    expect(found.map((f) => f.message).sort()).toEqual([
      'Two receivers are named pager.',
      'groupWait "soon" is not a duration.',
      'location "Mars/Base" is not a time zone.',
      'times 09:00-25:00 is not a range of HH:MM clock times.',
      'weekdays "mon" is not a weekday or range of them.',
    ]);
  });

  it('URLs Alertmanager would not load: a placeholder as the Slack URL, a webhook host left to deploy time', () => {
    const forced = receiver('forced', slack({ apiUrl: deployTime('SLACK_URL') as unknown as string, channel: '#x' }));
    const hostless = receiver('hostless', webhook({ url: 'https://${HOOK_HOST}/alerts' }));
    const found = findings(alertingProject({ receivers: [forced, hostless] })).filter(
      (f) => f.rule === 'alertmanager/structure',
    );
    expect(found.map((f) => f.message).sort()).toEqual([
      'forced: slack api_url is a deploy-time placeholder, which is not a URL.',
      'hostless: webhook url "https://${HOOK_HOST}/alerts" leaves its scheme or host to deploy time.',
    ]);
  });
});

describe('obsgen routing agrees with the real Alertmanager', () => {
  it('every routing test amtool runs returns the receivers obsgen computed', () => {
    const definitions = alertingProject({
      route: {
        ...routes(),
        routes: [route({ receiver: chat, continue: true, matchers: { symptom: 'errors' } }), ...routes().routes!],
      },
    });
    const out = writeOutput(definitions);
    const tests = (
      parseYaml(
        compileProject(definitions).files.find((f) => f.path === 'alertmanager/routing-tests.yml')!.content,
      ) as { tests: { receivers: string[]; labels: Record<string, string> }[] }
    ).tests;
    expect(tests.map((t) => t.receivers)).toEqual([
      ['chat', 'pager'],
      ['chat', 'chat'],
    ]);
    for (const test of tests) {
      const verdict = amtool(
        'config',
        'routes',
        'test',
        `--config.file=${path.join(out, 'alertmanager/alertmanager.yml')}`,
        `--verify.receivers=${test.receivers.join(',')}`,
        ...Object.entries(test.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
      );
      expect(verdict.status, verdict.output).toBe(0);
    }
  });
});

void catchAll;

describe('obsgen test on the Alertmanager output', () => {
  it('reports amtool check-config and routes per alert; a routing Alertmanager disagrees with is test/amtool-routes at the alert', () => {
    const out = path.join(tempDir('am-cli'), 'generated');
    const definitions = 'test/fixtures/alerting-definitions.ts';
    expect(obsgen('build', '--definitions', definitions, '--out', out).status).toBe(0);
    const passed = obsgen('test', '--definitions', definitions, '--out', out);
    expect(passed.stdout).toContain(
      'amtool: alertmanager/alertmanager.yml loads, 2 of 2 alerts route to their receivers.',
    );
    expect(passed.status).toBe(0);
    // Swap the receivers in the deployed file: Alertmanager now routes otherwise than obsgen computed.
    const config = path.join(out, 'alertmanager/alertmanager.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('receiver: pager', 'receiver: chat'));
    const failed = obsgen('test', '--definitions', definitions, '--out', out, '--format', 'json');
    const { findings } = JSON.parse(failed.stdout) as {
      findings: { rule: string; subject: string; at: { file: string } }[];
    };
    expect(findings.filter((f) => f.rule === 'test/amtool-routes').map((f) => [f.subject, f.at.file])).toEqual([
      ['shop/HighErrorRate', 'test/fixtures/alerting-project.ts'],
    ]);
    expect(findings.map((f) => f.rule)).toContain('build/stale-output');
    expect(failed.status).toBe(1);
  });
});

describe('alertmanager/timing', () => {
  const timing = (spec: Parameters<typeof alertingProject>[0]) =>
    compileProject(alertingProject(spec))
      .findings.filter((f) => f.rule === 'alertmanager/timing')
      .map((f) => `${f.severity} ${f.subject} ${f.message}`);

  it('a repeat shorter than the group interval it meets, its own or inherited (Alertmanager default 5m)', () => {
    expect(timing({ route: { ...routes(), groupInterval: '10m', repeatInterval: '5m' } })).toEqual([
      'warning alertmanager/route/root repeat_interval 300 s is shorter than group_interval 600 s: notifications repeat every 600 s, not every 300 s.',
    ]);
    const child = routes();
    expect(
      timing({
        route: {
          ...child,
          routes: [
            route({ matchers: { severity: 'critical' }, receiver: pager, repeatInterval: '1m' }),
            ...child.routes!.slice(1),
          ],
        },
      }),
    ).toEqual([
      'warning alertmanager/route/1 repeat_interval 60 s is shorter than group_interval 300 s: notifications repeat every 300 s, not every 60 s.',
    ]);
  });

  it('is quiet when the repeat is longer, or nothing is set', () => {
    expect(timing({ route: { ...routes(), groupInterval: '5m', repeatInterval: '4h' } })).toEqual([]);
    expect(timing({})).toEqual([]);
  });
});
