import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, isIgnoredPath, parseConfig, type ParsedConfig } from '../engine/config';
import { ALL_RULES } from '../engine/registry';

export interface ProjectConfig {
  /** The config file's absolute path. */
  path: string;
  /** Its folder: ignorePaths are relative to it. */
  root: string;
  parsed: ParsedConfig;
}

const RULE_IDS = ALL_RULES.map((meta) => meta.id);

export function readConfigFile(configPath: string): ProjectConfig {
  const text = fs.readFileSync(configPath, 'utf8');
  return { path: configPath, root: path.dirname(configPath), parsed: parseConfig(text, RULE_IDS) };
}

/** Finds the nearest `.workload-guard.yaml` walking up from a folder; results are cached per folder. */
export class ConfigFinder {
  private readonly byDir = new Map<string, ProjectConfig | undefined>();

  constructor(private readonly explicit?: ProjectConfig, private readonly disabled = false) {}

  forFile(absolutePath: string): ProjectConfig | undefined {
    if (this.disabled) return undefined;
    if (this.explicit) return this.explicit;
    return this.forDir(path.dirname(absolutePath));
  }

  forDir(dir: string): ProjectConfig | undefined {
    if (this.disabled) return undefined;
    if (this.explicit) return this.explicit;
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let found: ProjectConfig | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) {
        try {
          found = readConfigFile(candidate);
        } catch {
          found = undefined;
        }
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir ? undefined : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** True when the nearest config's ignorePaths cover this file or folder. */
  isIgnored(absolutePath: string): boolean {
    const config = this.forDir(path.dirname(absolutePath));
    if (!config) return false;
    const globs = config.parsed.settings.ignorePaths ?? [];
    if (globs.length === 0) return false;
    const relative = path.relative(config.root, absolutePath);
    if (relative.startsWith('..')) return false;
    return isIgnoredPath(relative.split(path.sep).join('/'), globs);
  }

  /** Every config file used so far, for reporting their problems. */
  used(): ProjectConfig[] {
    const all = new Set<ProjectConfig>();
    if (this.explicit) all.add(this.explicit);
    for (const config of this.byDir.values()) if (config) all.add(config);
    return [...all].sort((a, b) => a.path.localeCompare(b.path));
  }
}
