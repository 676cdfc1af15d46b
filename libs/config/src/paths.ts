import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cachedRoot: string | undefined;

/**
 * The project's root folder (the one holding package.json, db/ and templates/), found by walking
 * up from this file: the same code runs from sources (tests) and from the webpack bundle in dist/.
 */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  if (process.env.APP_ROOT) return (cachedRoot = resolve(process.env.APP_ROOT));
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'feuille-de-route') {
      return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (package.json "feuille-de-route"); set APP_ROOT');
    dir = parent;
  }
}

export const projectPath = (...parts: string[]): string => join(projectRoot(), ...parts);
