import { defineKubernetesRule } from '../../../rule';
import { getNode, nodeSpan, scalarString, type Node } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { editDistance } from '../../../text';

export const RUNTIME_CLASS_API_VERSION = 'node.k8s.io/v1';
/** RFC 1123 label, as the API server validates RuntimeClass.handler (apis/node/validation). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Well-known handlers, for messages and hovers. */
export const KNOWN_HANDLERS: Readonly<Record<string, string>> = {
  runsc: 'gVisor: a user-space kernel that intercepts the sandboxed pod\'s system calls',
  gvisor: 'gVisor (handler name used by some installations)',
  kata: 'Kata Containers: each pod runs in a lightweight virtual machine',
  'kata-qemu': 'Kata Containers with the QEMU hypervisor',
  'kata-clh': 'Kata Containers with Cloud Hypervisor',
  'kata-fc': 'Kata Containers with Firecracker',
  runc: 'runc: the default OCI runtime (no sandbox)',
  crun: 'crun: an OCI runtime in C (no sandbox)',
  youki: 'youki: an OCI runtime in Rust (no sandbox)',
};

export default defineKubernetesRule({
  meta: {
    id: 'runtimeclass-invalid',
    title: 'RuntimeClass objects must be valid',
    description:
      'Checks RuntimeClass objects: `apiVersion` must be `node.k8s.io/v1` (v1beta1 was removed in Kubernetes 1.25; a misspelled group such as `nodes.k8s.io` is not a RuntimeClass at all), `handler` must be set and be a DNS label (lower-case letters, digits and `-`, at most 63 characters) — the name the container runtime (containerd/CRI-O) has configured, e.g. `runsc` for gVisor or `kata` for Kata Containers.',
    rationale: 'A RuntimeClass that does not apply leaves pods that name it unschedulable or, worse, a sandbox you believe in is never used: pods then run with the default runtime and share the host kernel.',
    remediation: 'Write `apiVersion: node.k8s.io/v1` and a `handler` that matches a runtime handler configured on the nodes.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    peers: {
      differences:
        'No peer validates RuntimeClass objects (Kubescape `C-0297` only compares a SandboxTemplate\'s `runtimeClassName` with an approved list).',
    },
    references: [{ title: 'Kubernetes: Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (object.kind !== 'RuntimeClass') continue;
      const apiVersionNode = getNode(object.root, 'apiVersion') as Node | undefined;
      const [group] = object.apiVersion.split('/');
      if (object.apiVersion !== RUNTIME_CLASS_API_VERSION && apiVersionNode) {
        const typo = group !== 'node.k8s.io' && editDistance(group, 'node.k8s.io', 3) <= 3;
        context.report({
          node: apiVersionNode,
          message: group === 'node.k8s.io'
            ? `${object.apiVersion} RuntimeClass was removed (v1beta1 in Kubernetes 1.25): use ${RUNTIME_CLASS_API_VERSION}.`
            : `RuntimeClass belongs to group node.k8s.io${typo ? ` (did you mean ${RUNTIME_CLASS_API_VERSION}?)` : ''}: the API server does not know ${object.apiVersion} RuntimeClass.`,
          fixes: group === 'node.k8s.io' || typo ? [{ title: `Use ${RUNTIME_CLASS_API_VERSION}`, safe: true, edits: [replaceScalar(context.file, apiVersionNode, RUNTIME_CLASS_API_VERSION)] }] : [],
        });
      }
      const handlerNode = getNode(object.root, 'handler') as Node | undefined;
      const handler = scalarString(handlerNode);
      if (handler === undefined || handler === '') {
        context.report({ node: object.kindNode, message: `RuntimeClass${object.name ? ` "${object.name}"` : ''} has no handler: set the runtime handler the nodes configure (e.g. runsc for gVisor, kata for Kata Containers).` });
      } else if (!DNS_LABEL.test(handler) || handler.length > 63) {
        context.report({ span: nodeSpan(handlerNode), message: `RuntimeClass handler "${handler}" is not a DNS label (lower-case letters, digits and '-', at most 63 characters): the API server rejects it.` });
      }
    }
  },
});
