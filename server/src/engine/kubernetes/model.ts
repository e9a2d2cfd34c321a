import {
  getMap,
  getMapPath,
  getNode,
  getScalar,
  getSeq,
  isMap,
  isScalar,
  isSeq,
  isTemplated,
  mapItems,
  nodeSpan,
  scalarString,
  type Node,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  type YamlDocument,
  type YamlFile,
} from '../documents/yaml';
import { overlapsAny } from '../documents/helm';

/** A Kubernetes object found in a YAML file: a top-level document or an item of a `kind: List`. */
export interface KubernetesObject {
  document: YamlDocument;
  root: YAMLMap;
  apiVersion: string;
  kind: string;
  kindNode: Scalar;
  name?: string;
  namespace?: string;
  metadata?: YAMLMap;
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface Container {
  kind: ContainerKind;
  index: number;
  node: YAMLMap;
  /** Empty when the container has no name yet (half-typed). */
  name: string;
  nameNode?: Scalar;
  securityContext?: YAMLMap;
}

/** Any object with a pod template, reduced to what the kubelet and admission see: metadata + pod spec. */
export interface Workload {
  object: KubernetesObject;
  /** metadata of the pod itself (the template's metadata for controllers). */
  podMetadata?: YAMLMap;
  podSpec: YAMLMap;
  /** Path from the object root to the pod spec, e.g. ['spec', 'template', 'spec']. */
  podSpecPath: readonly string[];
  podSecurityContext?: YAMLMap;
  containers: Container[];
  /** True when Go/Helm template actions sit inside the pod spec: absent fields may be filled in at render time. */
  templated: boolean;
}

/** Where each kind keeps its pod template, relative to the object root. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function isWorkloadKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind);
}

export function findObjects(file: YamlFile): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const document of file.documents) {
    const root = document.doc.contents;
    if (isMap(root)) collectObject(document, root as YAMLMap, objects, 0);
  }
  return objects;
}

function collectObject(document: YamlDocument, root: YAMLMap, into: KubernetesObject[], depth: number): void {
  const kindNode = getScalar(root, 'kind');
  const kind = scalarString(kindNode);
  const apiVersion = scalarString(getNode(root, 'apiVersion'));
  if (!kindNode || kind === undefined || apiVersion === undefined) return;
  const metadata = getMap(root, 'metadata');
  into.push({
    document,
    root,
    apiVersion,
    kind,
    kindNode,
    metadata,
    name: scalarString(getNode(metadata, 'name')),
    namespace: scalarString(getNode(metadata, 'namespace')),
  });
  // `kind: List` (and the *List kinds kubectl prints) carry objects in items.
  if ((kind === 'List' || kind.endsWith('List')) && depth < 4) {
    for (const item of mapItems(getSeq(root, 'items'))) collectObject(document, item, into, depth + 1);
  }
}

/**
 * Where custom resources keep a pod template when they follow the Deployment and CronJob shapes: Argo Rollouts,
 * OpenKruise CloneSets, Knative Services and many operators. Only taken when the spec there lists containers.
 */
export const GENERIC_POD_SPEC_PATHS: readonly (readonly string[])[] = [
  ['spec', 'template', 'spec'],
  ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
];

/** A pod spec location the user configured (`podSpecPaths`): dotted keys, `*` for every item of a list or map. */
export interface PodSpecPathSetting {
  path: string;
  /** Object kinds it applies to; every kind when absent. */
  kinds?: readonly string[];
}

function toWorkload(file: YamlFile, object: KubernetesObject): Workload | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path) return undefined;
  const podSpec = getMapPath(object.root, path);
  return podSpec ? workloadAt(file, object, podSpec, path) : undefined;
}

function workloadAt(file: YamlFile, object: KubernetesObject, podSpec: YAMLMap, path: readonly string[]): Workload {
  const podMetadata = path.length === 1 && object.kind === 'Pod' ? object.metadata : getMapPath(object.root, [...path.slice(0, -1), 'metadata']);
  const containers: Container[] = [];
  for (const kind of CONTAINER_KINDS) {
    mapItems(getSeq(podSpec, kind)).forEach((node, index) => {
      const nameNode = getScalar(node, 'name');
      containers.push({ kind, index, node, name: scalarString(nameNode) ?? '', nameNode, securityContext: getMap(node, 'securityContext') });
    });
  }
  const span = nodeSpan(podSpec);
  return {
    object,
    podMetadata,
    podSpec,
    podSpecPath: path,
    podSecurityContext: getMap(podSpec, 'securityContext'),
    containers,
    templated: span !== undefined && overlapsAny(span, file.templateSpans),
  };
}

/** Pod specs of an object of a kind Kubernetes does not define: the generic shapes, then the configured paths. */
function customWorkloads(file: YamlFile, object: KubernetesObject, configured: readonly PodSpecPathSetting[]): Workload[] {
  const found = new Map<YAMLMap, readonly string[]>();
  for (const path of GENERIC_POD_SPEC_PATHS) {
    const podSpec = getMapPath(object.root, path);
    if (podSpec && isSeqOfMaps(getNode(podSpec, 'containers'))) found.set(podSpec, path);
  }
  for (const setting of configured) {
    if (setting.kinds && !setting.kinds.includes(object.kind)) continue;
    const segments = setting.path.split('.').filter(Boolean);
    for (const match of mapsAtPath(object.root, segments)) if (!found.has(match.map)) found.set(match.map, match.path);
  }
  return [...found].map(([podSpec, path]) => workloadAt(file, object, podSpec, path));
}

function isSeqOfMaps(node: Node | undefined): boolean {
  return isSeq(node) && (node as YAMLSeq).items.some((item) => isMap(item));
}

/** The mappings at a dotted path; `*` takes every item of a sequence or every value of a mapping. */
function mapsAtPath(root: YAMLMap, segments: readonly string[]): { map: YAMLMap; path: string[] }[] {
  let current: { node: Node; path: string[] }[] = [{ node: root, path: [] }];
  for (const segment of segments) {
    const next: { node: Node; path: string[] }[] = [];
    for (const { node, path } of current) {
      if (segment === '*') {
        if (isSeq(node)) (node as YAMLSeq).items.forEach((item, index) => next.push({ node: item as Node, path: [...path, String(index)] }));
        else if (isMap(node)) for (const pair of (node as YAMLMap).items) next.push({ node: pair.value as Node, path: [...path, String(scalarString(pair.key as Node) ?? '')] });
      } else if (isMap(node)) {
        const child = getNode(node as YAMLMap, segment);
        if (child) next.push({ node: child, path: [...path, segment] });
      }
    }
    current = next;
  }
  return current.filter((entry) => isMap(entry.node)).map((entry) => ({ map: entry.node as YAMLMap, path: entry.path }));
}

export function findWorkloads(file: YamlFile, objects: readonly KubernetesObject[], podSpecPaths: readonly PodSpecPathSetting[] = []): Workload[] {
  const workloads: Workload[] = [];
  for (const object of objects) {
    if (isWorkloadKind(object.kind)) {
      const workload = toWorkload(file, object);
      if (workload) workloads.push(workload);
    } else {
      // Kinds Kubernetes does not define (custom resources) that embed a pod template.
      workloads.push(...customWorkloads(file, object, podSpecPaths));
    }
  }
  return workloads;
}

export function describeContainer(container: Container): string {
  const label = container.kind === 'containers' ? 'container' : container.kind === 'initContainers' ? 'init container' : 'ephemeral container';
  return container.name ? `${label} "${container.name}"` : `${label} #${container.index + 1}`;
}

export function describeWorkload(workload: Workload): string {
  const name = workload.object.name ? ` "${workload.object.name}"` : '';
  return `${workload.object.kind}${name}`;
}

/** The node a finding about a missing field in this container points at: its name, or its first key. */
export function containerAnchor(container: Container): Node {
  if (container.nameNode) return container.nameNode;
  const first = container.node.items[0];
  return (first?.key as Node | undefined) ?? container.node;
}

/** The node a finding about a missing pod-level field points at: the kind of the object. */
export function workloadAnchor(workload: Workload): Node {
  return workload.object.kindNode;
}

export function isWindowsPod(workload: Workload): boolean {
  return scalarString(getNode(getMap(workload.podSpec, 'os'), 'name')) === 'windows';
}

export { isTemplated, isScalar };
