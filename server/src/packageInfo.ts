import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: { root: string; version: string } | null | undefined;

/**
 * The installed package (root folder and version): the nearest folder above this module with a package.json named
 * "workload-guard". Works from the bundles in dist/ and from the compiled tree in out/ alike.
 */
export function packageInfo(start: string = __dirname): { root: string; version: string } | undefined {
  if (cached !== undefined) return cached ?? undefined;
  let dir = start;
  for (;;) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'workload-guard') {
        cached = { root: dir, version: typeof manifest.version === 'string' ? manifest.version : '0.0.0' };
        return cached;
      }
    } catch {
      // no manifest here: keep walking
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      cached = null;
      return undefined;
    }
    dir = parent;
  }
}
