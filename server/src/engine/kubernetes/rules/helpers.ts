import { appendSeqItem, colonAfterKey, ensureEntries, formatScalar, replaceScalar, type YamlValue } from '../../fixes';
import { getMap, getMapPath, getPair, getSeq, isMap, isScalar, nodeSpan, stringItems, type Node, type Pair, type YAMLMap, type YamlFile } from '../../documents/yaml';
import { normalizeCapability } from '../capabilities';
import type { FixInput, KubernetesRuleContext } from '../../rule';
import type { OffsetEdit } from '../../types';
import { containerAnchor, describeContainer, type Container, type Workload } from '../model';

/** Calls `visit` for every container of every workload (init, regular, then ephemeral, as PSA visits them). */
export function forEachContainer(context: KubernetesRuleContext, visit: (workload: Workload, container: Container) => void): void {
  for (const workload of context.workloads) {
    for (const container of workload.containers) visit(workload, container);
  }
}

/** Sets `securityContext.<path...>.<key>: value` on a container, creating only what is missing. */
export function setContainerField(file: YamlFile, container: Container, path: readonly string[], key: string, value: YamlValue): OffsetEdit | undefined {
  return setField(file, container.node, ['securityContext', ...path], key, value);
}

/** Sets `spec.securityContext.<path...>.<key>: value` at pod level. */
export function setPodField(file: YamlFile, workload: Workload, path: readonly string[], key: string, value: YamlValue): OffsetEdit | undefined {
  return setField(file, workload.podSpec, ['securityContext', ...path], key, value);
}

/** Replaces an existing scalar or adds the key under `path` of `map`, creating only what is missing. */
export function setField(file: YamlFile, map: YAMLMap, path: readonly string[], key: string, value: YamlValue): OffsetEdit | undefined {
  const parent = path.length ? getMapPath(map, path) : map;
  const existing: Pair | undefined = getPair(parent, key);
  if (!existing) return ensureEntries(file, map, path, [[key, value]]);
  const node = existing.value as Node | null | undefined;
  const isNull = !node || (isScalar(node) && (node as { value: unknown }).value === null);
  const scalarValue = value === null || typeof value !== 'object';
  if (scalarValue && !isNull && isScalar(node)) return replaceScalar(file, node as Node, value as string | number | boolean);
  if (scalarValue && isNull) {
    // "key:" or "key: null" -> "key: value"
    const keySpan = nodeSpan(existing.key as Node);
    if (!keySpan) return undefined;
    const colon = colonAfterKey(file.text, keySpan.end);
    if (colon === undefined) return undefined;
    const valueSpan = nodeSpan(node);
    const end = valueSpan && valueSpan.end > colon ? valueSpan.end : colon + 1;
    return { span: { start: colon + 1, end }, newText: ' ' + formatScalar(value as string | number | boolean | null) };
  }
  if (!scalarValue && !Array.isArray(value) && (isNull || isMap(node))) return ensureEntries(file, map, [...path, key], Object.entries(value as Record<string, YamlValue>));
  return undefined;
}

/** The capabilities a container adds or drops, normalized (upper case, no CAP_ prefix), in any spelling a runtime grants. */
export function capabilityNames(container: Container, list: 'add' | 'drop'): string[] {
  return stringItems(getSeq(getMap(container.securityContext, 'capabilities'), list)).map((item) => normalizeCapability(item.value));
}

/**
 * Reports a `capabilities.drop` that lacks `entry` at the one place every such rule uses — the drop list, else the
 * capabilities key, else the container — so a Pod Security finding there supersedes a hardening one. The fix adds
 * the entry to the list or creates the list. Templated pod specs without a capabilities block are left alone.
 */
export function reportMissingDrop(
  context: KubernetesRuleContext,
  workload: Workload,
  container: Container,
  drop: { entry: string; fixTitle: string; message: (where: 'drop' | 'capabilities' | 'container') => string },
): void {
  const { file } = context;
  const capabilities = getMap(container.securityContext, 'capabilities');
  const dropPair = getPair(capabilities, 'drop');
  const dropSeq = getSeq(capabilities, 'drop');
  if (dropPair && dropSeq) {
    context.report({ pair: dropPair, message: drop.message('drop'), fixes: [fix(drop.fixTitle, true, appendSeqItem(file, dropSeq, drop.entry))] });
    return;
  }
  if (workload.templated && !capabilities) return;
  const fixes = [fix(drop.fixTitle, true, setContainerField(file, container, ['capabilities'], 'drop', [drop.entry]))];
  const capabilitiesPair = getPair(container.securityContext, 'capabilities');
  if (capabilitiesPair) context.report({ pair: capabilitiesPair, message: drop.message('capabilities'), fixes });
  else reportContainerMissing(context, container, drop.message('container'), fixes);
}

export function fix(title: string, safe: boolean, ...edits: (OffsetEdit | undefined)[]): FixInput {
  return { title, safe, edits };
}

/** Standard report for a field a container must set but does not: points at the container's name. */
export function reportContainerMissing(context: KubernetesRuleContext, container: Container, message: string, fixes: FixInput[] = [], related: { node?: Node; message: string }[] = []): void {
  context.report({ node: containerAnchor(container), message, fixes, related });
}

export { describeContainer };
