import { defineKubernetesRule } from '../../../rule';
import { getNode, getSeq, isMap, keyName, mapItems, scalarString, type Pair } from '../../../documents/yaml';
import { describeWorkload } from '../../model';
import { pssReferences, suffix } from './common';

/** The volume sources restrictedVolumes_1_0 allows. */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

export default defineKubernetesRule({
  meta: {
    id: 'pss-restricted-volumes',
    title: 'Only core volume types may be used',
    description:
      'Reports volumes whose source is not one of `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`, `persistentVolumeClaim`, `projected` or `secret` (e.g. `nfs`, `iscsi`, `gitRepo`, `cephfs`, `rbd`, `flexVolume`). Mirrors the `restrictedVolumes` check of the Pod Security Standards restricted level. `hostPath` volumes are reported by [pss-host-path-volumes](pss-host-path-volumes.md), which this check replaces at level restricted.',
    rationale: 'Inline network and host volume sources bypass the PersistentVolume layer where administrators control storage; some (gitRepo, flexVolume) run code or commands on the node with its privileges.',
    remediation: 'Use a `persistentVolumeClaim` (backed by a StorageClass or PersistentVolume the administrators manage), a `csi` ephemeral volume, or one of the other allowed types.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'none',
    pss: { level: 'restricted', check: 'restrictedVolumes' },
    peers: {
      trivy: ['KSV028'],
      differences:
        'The restricted level\'s allow-list of volume types. Trivy `KSV028` is a deny-list that misses CephFS (it looks for `cephFS`; the field is `cephfs`).',
    },
    references: pssReferences('restricted', 'check_restrictedVolumes.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      for (const volume of mapItems(getSeq(workload.podSpec, 'volumes'))) {
        // A volume source is an object (`emptyDir: {}`); `name` and null values are not sources.
        const sources = (volume.items as Pair[]).filter((pair) => keyName(pair) !== 'name' && isMap(pair.value));
        if (sources.length === 0 || sources.some((pair) => RESTRICTED_VOLUME_TYPES.includes(keyName(pair) ?? ''))) continue;
        const source = sources[0];
        const type = keyName(source) ?? 'unknown';
        if (type === 'hostPath') continue; // pss-host-path-volumes reports it
        const name = scalarString(getNode(volume, 'name')) ?? '(unnamed)';
        context.report({
          pair: source,
          message: `${describeWorkload(workload)} has a ${type} volume "${name}"; only ${RESTRICTED_VOLUME_TYPES.join(', ')} are allowed ${suffix('restricted', 'restrictedVolumes')}.`,
        });
      }
    }
  },
});
