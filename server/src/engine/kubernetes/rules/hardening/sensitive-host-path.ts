import { defineKubernetesRule } from '../../../rule';
import { getMap, getNode, getSeq, mapItems, scalarString, type Node } from '../../../documents/yaml';
import { describeContainer } from '../helpers';
import { describeWorkload } from '../../model';

/** Container runtime API sockets: whoever can write to one can start a privileged container on the node. */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock', '/run/docker.sock',
  '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock', '/run/cri-dockerd.sock',
  '/var/run/podman/podman.sock', '/run/podman/podman.sock',
  '/run/k3s/containerd/containerd.sock', '/var/run/k3s/containerd/containerd.sock',
];
/** Directories whose contents hand over the node (credentials, kernel interfaces, runtime state). */
const SENSITIVE_DIRS = ['/', '/etc', '/proc', '/sys', '/var/run', '/run', '/var/lib/kubelet', '/var/lib/containerd', '/var/lib/docker', '/boot', '/root'];

/** Collapses `//`, `/./` and `..`, and drops a trailing slash, as the kernel resolves the path. */
export function normalizeHostPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Why a host path is sensitive, or undefined. */
export function sensitiveHostPath(path: string): { severity: 'error' | 'warning'; reason: string } | undefined {
  const normalized = normalizeHostPath(path);
  const socket = RUNTIME_SOCKETS.find((candidate) => normalized === candidate);
  if (socket) return { severity: 'error', reason: `${normalized} is a container runtime socket: access to it means root on the node (start a privileged container)` };
  const socketParent = RUNTIME_SOCKETS.find((candidate) => candidate.startsWith(`${normalized}/`) && normalized !== '/' && normalized !== '/var' && !SENSITIVE_DIRS.includes(normalized));
  if (socketParent) return { severity: 'error', reason: `${normalized} contains the container runtime socket ${socketParent}` };
  const dir = [...SENSITIVE_DIRS].sort((a, b) => b.length - a.length).find((candidate) => normalized === candidate || (candidate !== '/' && normalized.startsWith(`${candidate}/`)));
  if (dir) return { severity: 'warning', reason: normalized === dir ? `${normalized} is a sensitive host directory` : `${normalized} is inside the sensitive host directory ${dir}` };
  const inside = SENSITIVE_DIRS.filter((candidate) => candidate !== '/' && candidate.startsWith(`${normalized}/`));
  if (inside.length) return { severity: 'warning', reason: `${normalized} contains the sensitive host director${inside.length === 1 ? 'y' : 'ies'} ${inside.join(', ')}` };
  return undefined;
}

export default defineKubernetesRule({
  meta: {
    id: 'sensitive-host-path',
    title: 'Do not mount container runtime sockets or sensitive host directories',
    description:
      'Reports hostPath volumes of container runtime sockets (Docker, containerd, CRI-O, cri-dockerd, Podman, k3s — in /var/run and /run spellings) and their directories, and of sensitive host directories (`/`, `/etc`, `/proc`, `/sys`, `/var/run`, `/run`, `/var/lib/kubelet`, `/var/lib/containerd`, `/var/lib/docker`, `/boot`, `/root`), paths inside them or directories containing them (e.g. `/var`), after normalising `//`, `.`, `..` and trailing slashes; also `subPath` mounts that reach into them and any `hostPath.type: Socket`.',
    rationale: 'A runtime socket lets the pod create a privileged container on the node — a full escape, read-only mount or not. /etc, /var/lib/kubelet and friends hold node credentials and configuration; /proc and /sys expose kernel interfaces.',
    remediation: 'Remove the mount. Tools that need the runtime (image builders, log shippers) should use rootless builders (BuildKit rootless, kaniko), the CRI API through a narrow proxy, or read-only mounts of the exact files they need.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['docker-sock', 'sensitive-host-mounts'],
      kubesec: ['DockerSock', 'ProcMount'],
      trivy: ['KSV006', 'KSV121'],
      checkov: ['CKV_K8S_27'],
      kubescape: ['C-0074'],
      differences:
        'Every runtime socket spelling (`/run` and `/var/run`, containerd, CRI-O, cri-dockerd, Podman, k3s), parent directories and sub-paths, normalised. Trivy `KSV006` and Checkov `CKV_K8S_27` match only the exact `/var/run/docker.sock`; Kubescape `C-0074` misses `/var/run/containerd/containerd.sock`; kube-linter `sensitive-host-mounts` and Trivy `KSV121` miss sub-paths such as `/var/lib/kubelet`.',
    },
    references: [{ title: 'Volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' }],
  },
  check(context) {
    for (const workload of context.workloads) {
      const hostPaths = new Map<string, string>();
      for (const volume of mapItems(getSeq(workload.podSpec, 'volumes'))) {
        const hostPath = getMap(volume, 'hostPath');
        const pathNode = getNode(hostPath, 'path') as Node | undefined;
        const path = scalarString(pathNode);
        const name = scalarString(getNode(volume, 'name'));
        if (!hostPath || !path || !pathNode) continue;
        if (name) hostPaths.set(name, path);
        const problem = sensitiveHostPath(path);
        const type = scalarString(getNode(hostPath, 'type'));
        if (problem) context.report({ node: pathNode, severity: problem.severity, message: `${describeWorkload(workload)} mounts hostPath ${path}: ${problem.reason}.` });
        else if (type === 'Socket') context.report({ node: getNode(hostPath, 'type') as Node, severity: 'warning', message: `${describeWorkload(workload)} mounts the host socket ${path}: a socket to a host service usually grants that service's privileges.` });
      }
      if (hostPaths.size === 0) continue;
      for (const container of workload.containers) {
        for (const mount of mapItems(getSeq(container.node, 'volumeMounts'))) {
          const base = hostPaths.get(scalarString(getNode(mount, 'name')) ?? '');
          const subPathNode = getNode(mount, 'subPath') as Node | undefined;
          const subPath = scalarString(subPathNode);
          if (!base || !subPath || !subPathNode || sensitiveHostPath(base)) continue;
          const problem = sensitiveHostPath(`${base}/${subPath}`);
          if (problem) context.report({ node: subPathNode, severity: problem.severity, message: `${describeContainer(container)} mounts ${normalizeHostPath(`${base}/${subPath}`)} through subPath: ${problem.reason}.` });
        }
      }
    }
  },
});
