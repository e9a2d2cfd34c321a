// The Falco rule files of the workspace: their texts (open editors win over disk) and what each defines and uses,
// for cross-file diagnostics, go to definition, references and rename.
import * as fs from 'node:fs';
import { classifyYaml } from '../engine/classify';
import { parseYamlFile, type YamlFile } from '../engine/documents/yaml';
import { falcoDefinitions } from '../engine/falco/analyzer';
import type { FalcoWorkspaceFacts } from '../engine/falco/context';

interface Entry {
  text: string;
  definitions: ReturnType<typeof falcoDefinitions>;
  tags: string[];
}

const FALCO_ITEM_LINE = /^-\s+(?:rule|macro|list|required_engine_version|required_plugin_versions)\s*:/m;

export class FalcoIndex {
  private readonly files = new Map<string, Entry>();
  ready = false;

  /** Forgets every file before the workspace is indexed again (open editors give their texts back). */
  clear(): void {
    this.files.clear();
    this.openParses.clear();
    this.loadOrder = [];
    this.ready = false;
  }

  /** Called once every workspace file has been given to update(): reads falco.yaml's load order, if there is one. */
  async finishIndexing(configPath: string | undefined): Promise<void> {
    if (configPath) await this.readLoadOrder(configPath);
    this.ready = true;
  }

  /**
   * The parse of an open file's latest text, kept until its analysis takes it (analyze() would parse the same text
   * again: on the official rules file that was a third of the work per change).
   */
  private readonly openParses = new Map<string, { text: string; file: YamlFile }>();

  /**
   * Records a file's current text; returns true when it is (or was) a Falco file, so dependents need re-checking.
   * `open`: the text of an editor, whose parse is kept for takeParse().
   */
  update(uri: string, text: string, open = false): boolean {
    const wasFalco = this.files.has(uri);
    this.openParses.delete(uri);
    // Cheap test first: Kubernetes manifests (the common case) are not parsed a second time.
    if (!FALCO_ITEM_LINE.test(text)) {
      this.files.delete(uri);
      return wasFalco;
    }
    const file = parseYamlFile(text);
    if (classifyYaml(file) !== 'falco') {
      this.files.delete(uri);
      return wasFalco;
    }
    if (open) this.openParses.set(uri, { text, file });
    const tags = [...text.matchAll(/^\s*tags:\s*\[([^\]]*)\]/gm)].flatMap((match) => match[1].split(',').map((tag) => tag.trim()).filter(Boolean));
    this.files.set(uri, { text, definitions: falcoDefinitions(file), tags });
    return true;
  }

  remove(uri: string): boolean {
    this.openParses.delete(uri);
    return this.files.delete(uri);
  }

  /** The parse update() made of exactly this text of an open file, handed over once. */
  takeParse(uri: string, text: string): YamlFile | undefined {
    const kept = this.openParses.get(uri);
    if (kept?.text !== text) return undefined;
    this.openParses.delete(uri);
    return kept.file;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /**
   * What the other Falco files define and use. With a falco.yaml `rules_files` order in the workspace, a listed file
   * sees only the files loaded before it (as Falco does); otherwise every other file counts.
   */
  factsFor(uri: string): FalcoWorkspaceFacts {
    const others = [...this.files.entries()].filter(([other]) => other !== uri);
    const position = this.loadOrder.indexOf(uri);
    const visible = position < 0 ? others : others.filter(([other]) => this.loadOrder.indexOf(other) >= 0 && this.loadOrder.indexOf(other) < position);
    const defined = visible.map(([, entry]) => entry.definitions);
    return {
      macros: defined.flatMap((definitions) => definitions.macros),
      lists: defined.flatMap((definitions) => definitions.lists),
      rules: defined.flatMap((definitions) => definitions.rules),
      used: others.flatMap(([, entry]) => entry.definitions.used),
      complete: this.ready,
    };
  }

  /** Workspace files in the order a falco.yaml's rules_files (or rules_file) loads them, matched by trailing path. */
  private loadOrder: string[] = [];

  private async readLoadOrder(configPath: string): Promise<void> {
    try {
      const document = parseYamlFile(await fs.promises.readFile(configPath, 'utf8')).documents[0]?.doc.toJS() as Record<string, unknown> | null;
      const listed = document?.rules_files ?? document?.rules_file;
      if (!Array.isArray(listed)) return;
      const uris = [...this.files.keys()];
      this.loadOrder = listed.flatMap((entry) => {
        const wanted = String(entry).replace(/\\/g, '/').split('/').filter(Boolean);
        const name = wanted[wanted.length - 1];
        return uris.filter((uri) => uri.endsWith(`/${name}`)).slice(0, 1);
      });
    } catch {
      this.loadOrder = [];
    }
  }

  entries(): [string, string][] {
    return [...this.files.entries()].map(([uri, entry]) => [uri, entry.text]);
  }

  names(): { macros: string[]; lists: string[]; tags: string[] } {
    const all = [...this.files.values()];
    const unique = (values: string[]) => [...new Set(values)].sort();
    return {
      macros: unique(all.flatMap((entry) => entry.definitions.macros)),
      lists: unique(all.flatMap((entry) => entry.definitions.lists)),
      tags: unique(all.flatMap((entry) => entry.tags)),
    };
  }
}
