import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { CONFIG_FILE_NAMES, mergeSettings, parseConfig, type PartialSettings, type ResolvedSettings } from '../engine/config';

/** Editor settings (`workloadGuard` section) beyond what the engine understands. */
export interface EditorSettings extends PartialSettings {
  codeLens?: { enable?: boolean };
  docsBaseUrl?: string;
}

export interface DocumentSettings {
  settings: ResolvedSettings;
  codeLens: boolean;
  docsBaseUrl?: string;
  /** Path relative to its workspace folder, for ignorePaths; undefined outside any folder. */
  relativePath?: string;
}

export function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest `.workload-guard.yaml` from the document's folder up to (and including) the workspace folder root. */
export function findProjectConfig(filePath: string, rootPath: string | undefined): PartialSettings | undefined {
  let dir = path.dirname(filePath);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      let text: string;
      try {
        text = fs.readFileSync(candidate, 'utf8');
      } catch {
        continue;
      }
      return parseConfig(text).settings;
    }
    const parent = path.dirname(dir);
    if (parent === dir || (rootPath !== undefined && path.relative(rootPath, dir) === '')) return undefined;
    if (rootPath !== undefined && path.relative(rootPath, parent).startsWith('..')) return undefined;
    dir = parent;
  }
}

export function resolveDocumentSettings(uri: string, folders: readonly string[], editor: EditorSettings): DocumentSettings {
  const filePath = filePathOf(uri);
  const folder = filePath ? folders.map((f) => filePathOf(f)).find((root): root is string => !!root && !path.relative(root, filePath).startsWith('..')) : undefined;
  const project = filePath ? findProjectConfig(filePath, folder) : undefined;
  const { codeLens, docsBaseUrl, ...partial } = editor;
  return {
    settings: mergeSettings(project, partial),
    codeLens: codeLens?.enable !== false,
    docsBaseUrl: typeof docsBaseUrl === 'string' && docsBaseUrl !== '' ? docsBaseUrl : undefined,
    relativePath: filePath && folder ? path.relative(folder, filePath).split(path.sep).join('/') : undefined,
  };
}
