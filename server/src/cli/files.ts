import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config';

export interface InputFile {
  /** As shown to the user: relative to the working directory, forward slashes ("<stdin>" for -). */
  displayPath: string;
  /** Absolute path; undefined for stdin. */
  absolutePath?: string;
  /** Found by walking a directory (then unknown file kinds are left out of reports). */
  discovered: boolean;
}

const SCANNED_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export function displayPathOf(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath) || path.basename(absolutePath);
  // Another drive (Windows) has no relative path: show it absolute.
  return (path.isAbsolute(relative) ? absolutePath : relative).split(path.sep).join('/');
}

/** Expands the command line's paths: files as given, directories recursively (sorted, deterministic). */
export function collectFiles(paths: readonly string[], cwd: string, isIgnored: (absolutePath: string) => boolean): { files: InputFile[]; errors: string[] } {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile): void => {
    const key = file.absolutePath ?? '<stdin>';
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const given of paths) {
    if (given === '-') {
      add({ displayPath: '<stdin>', discovered: false });
      continue;
    }
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      errors.push(`${given}: no such file or directory`);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, cwd, isIgnored, add, errors);
    else add({ displayPath: displayPathOf(absolute, cwd), absolutePath: absolute, discovered: false });
  }
  return { files, errors };
}

function walk(dir: string, cwd: string, isIgnored: (absolutePath: string) => boolean, add: (file: InputFile) => void, errors: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(`${displayPathOf(dir, cwd)}: cannot read directory (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.') || isIgnored(absolute)) continue;
      walk(absolute, cwd, isIgnored, add, errors);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const hidden = entry.name.startsWith('.') && !CONFIG_FILE_NAMES.includes(entry.name);
      if (hidden || !SCANNED_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || isIgnored(absolute)) continue;
      add({ displayPath: displayPathOf(absolute, cwd), absolutePath: absolute, discovered: true });
    }
  }
}
