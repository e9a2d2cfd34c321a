import {
  getMap,
  getMapPath,
  getNode,
  getScalar,
  getSeq,
  isMap,
  isScalar,
  isTemplated,
  mapItems,
  nodeSpan,
  scalarString,
  type Node,
  type Scalar,
  type YAMLMap,
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

export function toWorkload(file: YamlFile, object: KubernetesObject): Workload | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path) return undefined;
  const podSpec = getMapPath(object.root, path);
  if (!podSpec) return undefined;
  const podMetadata = object.kind === 'Pod' ? object.metadata : getMapPath(object.root, [...path.slice(0, -1), 'metadata']);
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

export function findWorkloads(file: YamlFile, objects: readonly KubernetesObject[]): Workload[] {
  const workloads: Workload[] = [];
  for (const object of objects) {
    const workload = toWorkload(file, object);
    if (workload) workloads.push(workload);
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
