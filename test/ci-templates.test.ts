// The CI workflows obsgen init writes: they parse, build the base from full history, and post one
// diff comment per pull request. GitLab's note upsert runs here against a local stand-in of the
// notes API (this machine has no GitLab): first run posts, a second run updates that note.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, tempDir } from './support/cli.ts';

const execFileAsync = promisify(execFile);

const github = parse(readFileSync(path.join(REPO, 'init-template/github/workflows/obsgen.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: {
    obsgen: {
      steps: {
        uses?: string;
        with?: Record<string, unknown>;
        run?: string;
        if?: string;
        env?: Record<string, string>;
      }[];
    };
  };
};
const gitlab = parse(readFileSync(path.join(REPO, 'init-template/gitlab-ci.yml'), 'utf8')) as {
  obsgen: {
    variables: Record<string, unknown>;
    script: string[];
    after_script: string[];
    artifacts: { when: string; reports: { codequality: string } };
  };
};

describe('GitHub Actions workflow', () => {
  const steps = github.jobs.obsgen.steps;
  it('checks out full history, may comment on pull requests, and posts the diff on pull requests only', () => {
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(github.permissions['pull-requests']).toBe('write');
    const diff = steps.find((step) => step.run?.includes('obsgen diff'))!;
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect(diff.run).toContain('npx obsgen diff --base "$BASE" "${live[@]}" --fail-on');
    expect(diff.run).toContain('startswith("<!-- obsgen-diff -->")');
    expect(steps.map((step) => step.run ?? step.uses)).toEqual(
      expect.arrayContaining(['npm run build', 'npx obsgen test']),
    );
  });

  it('type-checks the definitions before building them (tsc annotates the lines through setup-node)', () => {
    const runs = steps.map((step) => step.run ?? step.uses);
    expect(runs.indexOf('npm run typecheck')).toBeGreaterThan(runs.indexOf('npm ci'));
    expect(runs.indexOf('npm run typecheck')).toBeLessThan(runs.indexOf('npm run build'));
  });
});

describe('findings on the changed lines', () => {
  it('GitHub: annotations and a SARIF upload to code scanning, also when the build failed', () => {
    const steps = github.jobs.obsgen.steps;
    const findings = steps.find((step) => step.run?.includes('--format sarif'))!;
    expect(findings.if).toBe('always()');
    expect(findings.run).toContain('npx obsgen check --format github');
    expect(findings.run).toContain('npx obsgen check --format sarif > obsgen.sarif');
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload).toMatchObject({ if: 'always()', with: { sarif_file: 'obsgen.sarif' } });
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(findings));
    expect(github.permissions['security-events']).toBe('write');
  });

  it('GitLab: the code quality report, written after the script whatever its outcome', () => {
    expect(gitlab.obsgen.after_script).toContain(
      'npx obsgen check --format gitlab > gl-code-quality-report.json || true',
    );
    expect(gitlab.obsgen.artifacts).toMatchObject({
      when: 'always',
      reports: { codequality: 'gl-code-quality-report.json' },
    });
  });
});

describe('obsgen verify in CI, off until the team gives a URL', () => {
  it('GitHub: a step that runs only with the OBSGEN_PROMETHEUS_URL variable, the token from a secret', () => {
    const verify = github.jobs.obsgen.steps.find((step) => step.run?.includes('obsgen verify')) as
      { if?: string; env?: Record<string, string>; run?: string } | undefined;
    expect(verify?.if).toBe("vars.OBSGEN_PROMETHEUS_URL != ''");
    expect(verify?.env).toEqual({ OBSGEN_PROMETHEUS_TOKEN: '${{ secrets.OBSGEN_PROMETHEUS_TOKEN }}' });
    expect(verify?.run).toBe('npx obsgen verify --prometheus "${{ vars.OBSGEN_PROMETHEUS_URL }}" --format github');
  });

  it('GitLab: a script line that runs only when OBSGEN_PROMETHEUS_URL is set', () => {
    const verify = gitlab.obsgen.script.find((line) => line.includes('obsgen verify'));
    expect(verify).toBe(
      'if [ -n "$OBSGEN_PROMETHEUS_URL" ]; then\n  npx obsgen verify --prometheus "$OBSGEN_PROMETHEUS_URL"\nfi\n',
    );
  });
});

describe('GitLab CI job', () => {
  const script = gitlab.obsgen.script.find((line) => line.includes('obsgen diff'))!;
  const upsert = /node -e '([\s\S]*?)'\n/.exec(script)![1]!;

  it('type-checks the definitions before building them', () => {
    expect(gitlab.obsgen.script.slice(0, 2)).toEqual(['npm run typecheck', 'npm run build']);
  });

  it('fetches the target branch with full history and diffs against it in merge requests', () => {
    expect(gitlab.obsgen.variables.GIT_DEPTH).toBe(0);
    expect(script).toContain('npx obsgen diff --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" "$@" --fail-on');
  });

  it('posts one note, then updates it on the next run (GitLab notes API, by the marker)', async () => {
    const notes: { id: number; body: string }[] = [{ id: 7, body: 'an unrelated review note' }];
    const calls: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls.push(`${request.method} ${request.url?.replace(/\?.*/, '')} ${request.headers['private-token']}`);
        if (request.method === 'GET') return void response.writeHead(200).end(JSON.stringify(notes));
        const text = (JSON.parse(body) as { body: string }).body;
        if (request.method === 'POST') notes.unshift({ id: 42, body: text });
        else notes.find((n) => request.url?.endsWith(`/${n.id}`))!.body = text;
        response.writeHead(request.method === 'POST' ? 201 : 200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = tempDir('gitlab-note');
    const env = {
      ...process.env,
      CI_API_V4_URL: `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v4`,
      CI_PROJECT_ID: '3',
      CI_MERGE_REQUEST_IID: '5',
      OBSGEN_GITLAB_TOKEN: 'glpat-test',
    };
    const run = async (comment: string): Promise<void> => {
      writeFileSync(path.join(dir, 'obsgen-diff.md'), comment);
      await execFileAsync(process.execPath, ['-e', upsert], { cwd: dir, env });
    };
    try {
      await run('<!-- obsgen-diff -->\nfirst');
      await run('<!-- obsgen-diff -->\nsecond');
    } finally {
      server.close();
    }
    const notesPath = '/api/v4/projects/3/merge_requests/5/notes';
    expect(calls).toEqual([
      `GET ${notesPath} glpat-test`,
      `POST ${notesPath} glpat-test`,
      `GET ${notesPath} glpat-test`,
      `PUT ${notesPath}/42 glpat-test`,
    ]);
    expect(notes).toEqual([
      { id: 42, body: '<!-- obsgen-diff -->\nsecond' },
      { id: 7, body: 'an unrelated review note' },
    ]);
  });
});

describe('obsgen diff in CI backtests changed alerts on production when the team gives a URL', () => {
  /** Runs a template's diff script with npx, gh, git and node standing in, and returns the npx command lines. */
  async function npxCalls(script: string, shell: 'bash' | 'sh', url: string | undefined): Promise<string[]> {
    const dir = tempDir('ci-diff');
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['npx', 'gh', 'git', 'node']) {
      const stub = path.join(bin, tool);
      writeFileSync(stub, `#!/bin/sh\n[ "$(basename "$0")" = npx ] && echo "$*" >> "${dir}/npx.log"\nexit 0\n`);
      chmodSync(stub, 0o755);
    }
    writeFileSync(path.join(dir, 'npx.log'), '');
    const env: Record<string, string> = {
      PATH: `${bin}:/usr/bin:/bin`,
      BASE: 'origin/main',
      PR: '1',
      GITHUB_REPOSITORY: 'team/observability',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '7',
      CI_JOB_URL: 'https://gitlab.example.com/jobs/9',
      CI_MERGE_REQUEST_IID: '5',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      ...(url === undefined ? {} : { OBSGEN_PROMETHEUS_URL: url }),
    };
    await execFileAsync(shell, ['-e', '-c', script], { cwd: dir, env });
    // The comment ends with a link to the page of the diff.
    expect(readFileSync(path.join(dir, 'obsgen-diff.md'), 'utf8')).toMatch(
      /\n\[Every change, alert timelines and dashboards as a page[^\]]*\]\((https:\/\/github\.com\/team\/observability\/actions\/runs\/7|https:\/\/gitlab\.example\.com\/jobs\/9\/artifacts\/file\/obsgen-diff\.html)\)\n$/,
    );
    return readFileSync(path.join(dir, 'npx.log'), 'utf8').trim().split('\n');
  }

  it('GitHub: the diff step reads the URL variable and the token secret, and both diffs pass --prometheus only when the URL is set', async () => {
    const step = github.jobs.obsgen.steps.find((s) => s.run?.includes('obsgen diff'))!;
    expect(step.env).toMatchObject({
      OBSGEN_PROMETHEUS_URL: '${{ vars.OBSGEN_PROMETHEUS_URL }}',
      OBSGEN_PROMETHEUS_TOKEN: '${{ secrets.OBSGEN_PROMETHEUS_TOKEN }}',
    });
    expect(await npxCalls(step.run!, 'bash', 'https://prometheus.example.com')).toEqual([
      'obsgen diff --base origin/main --prometheus https://prometheus.example.com --fail-on series-growth=25,removed-alert,untested-critical',
      'obsgen diff --base origin/main --prometheus https://prometheus.example.com --format html',
    ]);
    expect(await npxCalls(step.run!, 'bash', undefined)).toEqual([
      'obsgen diff --base origin/main --fail-on series-growth=25,removed-alert,untested-critical',
      'obsgen diff --base origin/main --format html',
    ]);
  });

  it('GitLab: the same with the CI/CD variable, in a POSIX shell', async () => {
    const script = gitlab.obsgen.script.find((line) => line.includes('obsgen diff'))!;
    expect(await npxCalls(script, 'sh', 'https://prometheus.example.com')).toEqual([
      'obsgen diff --base origin/main --prometheus https://prometheus.example.com --fail-on series-growth=25,removed-alert,untested-critical',
      'obsgen diff --base origin/main --prometheus https://prometheus.example.com --format html',
    ]);
    expect(await npxCalls(script, 'sh', undefined)).toEqual([
      'obsgen diff --base origin/main --fail-on series-growth=25,removed-alert,untested-critical',
      'obsgen diff --base origin/main --format html',
    ]);
  });
});
