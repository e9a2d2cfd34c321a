// RuntimeClass objects (name -> where it is defined) and NetworkPolicy namespaces of the workspace, for
// runtimeClassName checks, go to definition and the NetworkPolicy presence check. Files that do not mention the kind are never parsed.
import { parseYamlFile, nodeSpan } from '../engine/documents/yaml';
import { findObjects } from '../engine/kubernetes/model';
import { LineIndex } from '../engine/text';
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
    const lines = new LineIndex(text);
    const all = findObjects(parseYamlFile(text));
    this.policies.set(uri, all.filter((object) => object.kind === 'NetworkPolicy').map((object) => object.namespace ?? 'default'));
    const objects = all.filter((object) => object.kind === 'RuntimeClass' && object.name);
    this.byUri.set(
      uri,
      objects.map((object) => {
        const span = nodeSpan(object.kindNode) ?? { start: 0, end: 0 };
        const handler = object.root.items.find((pair) => String((pair.key as { value?: unknown })?.value) === 'handler')?.value as { value?: unknown } | undefined;
        return { name: object.name as string, range: lines.range(span), handler: handler?.value !== undefined ? String(handler.value) : undefined };
      }),
    );
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
