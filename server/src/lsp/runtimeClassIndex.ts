// RuntimeClass objects (name -> where it is defined) and NetworkPolicy namespaces of the workspace, for
// runtimeClassName checks, go to definition and the NetworkPolicy presence check. Files that do not mention the kind are never parsed.
import { parseYamlFile, nodeSpan } from '../engine/documents/yaml';
import { findObjects } from '../engine/kubernetes/model';
import { LineIndex } from '../engine/text';
import { shiftRange, splitDocuments } from '../engine/incremental';
import type { Range } from '../engine/types';

const MENTIONS_KIND = /kind:\s*(RuntimeClass|NetworkPolicy)\b/;

export class RuntimeClassIndex {
  private readonly byUri = new Map<string, { name: string; range: Range; handler?: string }[]>();
  /** Namespaces with a NetworkPolicy, per file. */
  private readonly policies = new Map<string, string[]>();
  ready = false;

  clear(): void {
    this.byUri.clear();
    this.policies.clear();
    this.ready = false;
  }

  update(uri: string, text: string): void {
    if (!MENTIONS_KIND.test(text)) {
      this.byUri.delete(uri);
      this.policies.delete(uri);
      return;
    }
    // Only the documents that mention the kinds are parsed: an edit in a big manifest with one NetworkPolicy must not
    // parse the whole file again. A file that cannot be split (directives) is parsed whole.
    const slices = splitDocuments(text) ?? [{ start: 0, end: text.length, line: 0 }];
    const policies: string[] = [];
    const classes: { name: string; range: Range; handler?: string }[] = [];
    for (const slice of slices) {
      const piece = text.slice(slice.start, slice.end);
      if (!MENTIONS_KIND.test(piece)) continue;
      const lines = new LineIndex(piece);
      const all = findObjects(parseYamlFile(piece));
      policies.push(...all.filter((object) => object.kind === 'NetworkPolicy').map((object) => object.namespace ?? 'default'));
      for (const object of all) {
        if (object.kind !== 'RuntimeClass' || !object.name) continue;
        const span = nodeSpan(object.kindNode) ?? { start: 0, end: 0 };
        const handler = object.root.items.find((pair) => String((pair.key as { value?: unknown })?.value) === 'handler')?.value as { value?: unknown } | undefined;
        classes.push({ name: object.name, range: shiftRange(lines.range(span), slice.line), handler: handler?.value !== undefined ? String(handler.value) : undefined });
      }
    }
    this.policies.set(uri, policies);
    this.byUri.set(uri, classes);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
    this.policies.delete(uri);
  }

  networkPolicyNamespaces(): string[] | undefined {
    return this.ready ? [...new Set([...this.policies.values()].flat())] : undefined;
  }

  names(): string[] | undefined {
    return this.ready ? [...new Set([...this.byUri.values()].flat().map((entry) => entry.name))] : undefined;
  }

  find(name: string): { uri: string; range: Range; handler?: string }[] {
    return [...this.byUri.entries()].flatMap(([uri, entries]) => entries.filter((entry) => entry.name === name).map((entry) => ({ uri, range: entry.range, handler: entry.handler })));
  }
}
