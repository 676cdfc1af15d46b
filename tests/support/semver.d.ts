/** The two functions of semver (a devDependency, without bundled types) the lock-file test uses. */
declare module 'semver' {
  export function satisfies(version: string, range: string): boolean;
  export function valid(version: string): string | null;
}
