import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * The runbook page (runbook.hbs), rendered with Handlebars; raw text, since the page is markdown.
 * The package bundle replaces this module with the template precompiled (scripts/build-package.mjs),
 * so a run neither reads nor compiles it: compiling took ~25 ms of every build.
 */
export const runbookTemplate: (context: object) => string = Handlebars.compile(
  readFileSync(new URL('./runbook.hbs', import.meta.url), 'utf8'),
  { noEscape: true },
);
