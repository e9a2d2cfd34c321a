// The seccomp profile files of the workspace folders, for `localhostProfile` checks, completion and
// go-to-definition. Built once in the background, then kept current from file-watch events.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderPaths } from './workspaceFiles';
import { looksLikeSeccompJson } from '../engine/classify';

const MAX_PROFILE_BYTES = 2 * 1024 * 1024;

export class SeccompProfileIndex {
  /** Absolute file path -> path relative to its workspace folder (forward slashes). */
  private readonly profiles = new Map<string, string>();
  private folders: string[] = [];
  ready = false;

  /** Forgets every profile before the workspace is indexed again; relative paths follow the new folders. */
  reset(folderUris: readonly string[]): void {
    this.folders = folderPaths(folderUris);
    this.profiles.clear();
    this.ready = false;
  }

  async update(filePath: string): Promise<void> {
    try {
      const stat = await fs.promises.stat(filePath);
      if (stat.size > MAX_PROFILE_BYTES) return;
      const text = await fs.promises.readFile(filePath, 'utf8');
      if (looksLikeSeccompJson(text)) this.profiles.set(filePath, this.relative(filePath));
      else this.profiles.delete(filePath);
    } catch {
      this.profiles.delete(filePath);
    }
  }

  remove(filePath: string): void {
    this.profiles.delete(filePath);
  }

  /** Workspace-relative paths, or undefined until the first scan finished (rules then stay silent). */
  relativePaths(): string[] | undefined {
    return this.ready ? [...this.profiles.values()].sort() : undefined;
  }

  uriOf(relativePath: string): string | undefined {
    for (const [absolute, relative] of this.profiles) if (relative === relativePath) return pathToFileURL(absolute).toString();
    return undefined;
  }

  private relative(filePath: string): string {
    const folder = this.folders.find((candidate) => !path.relative(candidate, filePath).startsWith('..'));
    return (folder ? path.relative(folder, filePath) : path.basename(filePath)).split(path.sep).join('/');
  }
}
