import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

let packageRoot: string | null | undefined;

/** The installed package root: the nearest folder above the server with a package.json named "workload-guard". */
export function findPackageRoot(start: string = __dirname): string | undefined {
  if (packageRoot !== undefined) return packageRoot ?? undefined;
  let dir = start;
  for (;;) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'workload-guard') {
        packageRoot = dir;
        return dir;
      }
    } catch {
      // no manifest here: keep walking
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      packageRoot = null;
      return undefined;
    }
    dir = parent;
  }
}

export function ruleDocsUrl(ruleId: string, baseUrl?: string): string | undefined {
  if (baseUrl) return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${ruleId}.md`;
  const root = findPackageRoot();
  return root ? pathToFileURL(path.join(root, 'docs', 'rules', `${ruleId}.md`)).toString() : undefined;
}
