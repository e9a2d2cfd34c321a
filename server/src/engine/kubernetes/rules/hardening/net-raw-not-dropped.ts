import { defineKubernetesRule } from '../../../rule';
import { isWindowsPod } from '../../model';
import { readBool, isTrue } from '../../values';
import { capabilityNames, describeContainer, forEachContainer, reportMissingDrop } from '../helpers';

const DROP_NET_RAW = 'Add NET_RAW to capabilities.drop';

export default defineKubernetesRule({
  meta: {
    id: 'net-raw-not-dropped',
    title: 'Drop NET_RAW (or ALL) capabilities',
    description:
      'Reports Linux containers that keep `NET_RAW`: neither `NET_RAW` nor `ALL` is in `securityContext.capabilities.drop`, including containers with no `capabilities` block at all. Containers that add NET_RAW are left to [dangerous-capabilities](dangerous-capabilities.md), privileged containers to [privileged-voids-hardening](privileged-voids-hardening.md); Windows pods have no Linux capabilities. Where the restricted Pod Security level already asks for `drop: [ALL]` at the same place, that finding is shown instead.',
    rationale:
      'containerd, CRI-O and Docker grant NET_RAW by default. It lets any process in the container open raw and packet sockets: forge packets from other pods\' addresses, ARP- and DNS-spoof on the node network and reach services that trust source addresses (CVE-2020-14386 was reachable through it too). Almost no application needs it; `ping` is the usual exception.',
    remediation: 'Drop every capability and add back only what the process needs:\n\n```yaml\nsecurityContext:\n  capabilities:\n    drop: ["ALL"]\n```\n\nAt least drop `NET_RAW`.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    supersededBy: ['pss-capabilities-restricted'],
    peers: {
      kubeLinter: ['drop-net-raw-capability'],
      polaris: ['insecureCapabilities'],
      checkov: ['CKV_K8S_28'],
      kubescape: ['C-0211'],
      differences:
        'Also reported when the container has no `capabilities` block at all — the most common case, which kube-linter `drop-net-raw-capability` skips. Trivy has no check for it (`KSV119` is about adding NET_RAW).',
    },
    references: [
      { title: 'capabilities(7): CAP_NET_RAW', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'containerd: default capabilities (pkg/oci)', url: 'https://github.com/containerd/containerd/blob/main/pkg/oci/spec.go' },
    ],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      if (isWindowsPod(workload) || isTrue(readBool(file, container.securityContext, 'privileged'))) return;
      // Any spelling counts as a drop here; capability-spelling reports the spellings runtimes misread.
      const dropped = capabilityNames(container, 'drop');
      if (dropped.includes('ALL') || dropped.includes('NET_RAW')) return;
      const added = capabilityNames(container, 'add');
      if (added.includes('NET_RAW') || added.includes('ALL')) return;
      const message = `${describeContainer(container)} keeps NET_RAW, which the runtime grants by default: it can forge packets and spoof other pods on the node network. Drop ALL capabilities (or at least NET_RAW).`;
      reportMissingDrop(context, workload, container, { entry: 'NET_RAW', fixTitle: DROP_NET_RAW, message: () => message });
    });
  },
});
