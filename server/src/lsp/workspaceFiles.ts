// Walking the workspace folders for the indexes (seccomp profiles, Falco rule files): bounded, skipping build and
// dependency folders, and yielding to the event loop between directories so requests keep being answered.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIPPED = new Set(['node_modules', '.git', 'out', 'dist']);
const MAX_FILES = 20_000;

export function folderPaths(folderUris: readonly string[]): string[] {
  return folderUris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
}

/** Calls `visit` for every file below the folders whose name passes `accept`. */
export async function walkFiles(folders: readonly string[], accept: (name: string) => boolean, visit: (filePath: string) => Promise<void>): Promise<void> {
  let budget = MAX_FILES;
  const queue = [...folders];
  while (queue.length > 0 && budget > 0) {
    const dir = queue.shift() as string;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (--budget <= 0) break;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) queue.push(full);
      } else if (entry.isFile() && accept(entry.name)) {
        await visit(full);
      }
    }
  }
}

/** Files larger than this are not indexed: a workspace index must not hold generated dumps in memory. */
export const MAX_INDEXED_BYTES = 4 * 1024 * 1024;

/** The text of a file for an index, or undefined when it is unreadable or too large. */
export async function readIndexable(filePath: string): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(filePath);
    return stat.size <= MAX_INDEXED_BYTES ? await fs.promises.readFile(filePath, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
