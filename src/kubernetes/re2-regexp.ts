/**
 * The RE2 class kubernetes-models' validators construct for Go patterns, as a JavaScript RegExp:
 * the package bundle uses it instead of re2-wasm (whose WebAssembly cost every run that wrote a
 * Kubernetes object ~60 ms to compile). Go's inline `(?i)` at the start becomes the `i` flag; a
 * pattern JavaScript reads differently fails when the bundle loads, not silently
 * (scripts/build-package.mjs loads every validator once).
 */
export default class Re2RegExp {
  readonly #regexp: RegExp;

  constructor(pattern: string, flags = '') {
    const caseless = /^(\^?)\(\?i\)/.exec(pattern);
    const source = caseless === null ? pattern : `${caseless[1]}${pattern.slice(caseless[0].length)}`;
    if (/\(\?[a-zA-Z]/.test(source)) throw new Error(`Go pattern ${pattern} has flags JavaScript cannot read`);
    this.#regexp = new RegExp(source, `${flags}${caseless === null ? '' : 'i'}`);
  }

  test(text: string): boolean {
    return this.#regexp.test(text);
  }
}
