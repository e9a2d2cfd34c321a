import { defineKubernetesRule } from '../../../rule';
import { getMap, getNode, getPair, getSeq, mapItems, scalarString } from '../../../documents/yaml';
import { describeWorkload } from '../../model';
import { pssReferences, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-host-path-volumes',
    title: 'hostPath volumes are forbidden',
    description: 'Reports every volume of a pod or pod template that has a `hostPath` source. Mirrors the `hostPathVolumes` check of the Pod Security Standards baseline level.',
    rationale:
      'A hostPath volume exposes the node\'s filesystem to the container. Mounting the container runtime socket, `/etc`, `/var/lib/kubelet` or `/` hands over the node; even read-only mounts leak credentials and host configuration.',
    remediation: 'Use an `emptyDir`, `configMap`, `secret`, `projected` or `persistentVolumeClaim` volume instead. Node agents that must read the host filesystem belong in a namespace with the `privileged` level, with `readOnly: true` mounts of the narrowest path.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'none',
    pss: { level: 'baseline', check: 'hostPathVolumes' },
    peers: {
      polaris: ['hostPathSet'],
      trivy: ['KSV023'],
      kubescape: ['C-0048'],
    },
    references: pssReferences('baseline', 'check_hostPathVolumes.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      for (const volume of mapItems(getSeq(workload.podSpec, 'volumes'))) {
        const pair = getPair(volume, 'hostPath');
        // `hostPath:` with no value decodes to a nil source: not a hostPath volume for the API.
        if (!pair || !getMap(volume, 'hostPath')) continue;
        const name = scalarString(getNode(volume, 'name')) ?? '(unnamed)';
        const path = scalarString(getNode(getMap(volume, 'hostPath'), 'path'));
        context.report({
          pair,
          message: `${describeWorkload(workload)} has hostPath volume "${name}"${path ? ` (${path} on the node)` : ''} ${suffix('baseline', 'hostPathVolumes')}.`,
        });
      }
    }
  },
});
