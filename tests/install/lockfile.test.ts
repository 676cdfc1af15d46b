import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { satisfies, valid } from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * What `npm ci` installs comes from the lock file alone. These checks keep it installable without
 * warnings on every Node version package.json supports, and on every platform.
 */
const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8'));
const packages = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[]; os?: string[] }>).filter(
  ([path]) => path !== '',
);

describe('package-lock.json', () => {
  it('installs nothing whose engines exclude a supported Node version (no EBADENGINE warning)', () => {
    // The lowest version of each supported line.
    const supported = ['20.19.0', '22.13.0', '24.0.0'];
    for (const v of supported) expect(satisfies(v, pkg.engines.node), `${v} is in ${pkg.engines.node}`).toBe(true);
    const refused = packages.flatMap(([path, p]) => {
      const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      const bad = range ? supported.filter((v) => !satisfies(v, range)) : [];
      return bad.length ? [`${path}@${p.version} needs node ${range}`] : [];
    });
    expect(refused).toEqual([]);
  });

  it('pins every direct dependency to an exact version, matching the lock', () => {
    for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.overrides]) {
      for (const [name, version] of Object.entries(deps as Record<string, string>)) expect(valid(version), `${name} ${version}`).not.toBeNull();
    }
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>)) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it('lists the native builds of @swc/core for every platform, so npm ci works on any machine', () => {
    const swc = packages.filter(([path]) => /^node_modules\/@swc\/core-/.test(path)).map(([, p]) => p.os?.[0]);
    expect(new Set(swc)).toEqual(new Set(['linux', 'darwin', 'win32']));
    expect(swc.length).toBeGreaterThanOrEqual(8);
  });
});
