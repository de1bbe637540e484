import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryScratch } from './repository-scratch.ts';

/** tsc --strict (noUnusedLocals too) over modules in `dir`, `obsgen` resolving to the sources. */
export function strictTsc(
  dir: string,
  sources: { files: string[] } | { include: string[] },
): { status: number | null; output: string } {
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        noUnusedLocals: true,
        module: 'preserve',
        target: 'es2022',
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        paths: { obsgen: [path.resolve('src/index.ts')] },
      },
      ...sources,
    }),
  );
  const tsc = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    encoding: 'utf8',
  });
  return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
}

/** A scratch directory inside the repository, where a definitions module's `import 'obsgen'` resolves. */
export function scratch(): string {
  return repositoryScratch('import-test');
}
