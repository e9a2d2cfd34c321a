import { defineKubernetesRule } from '../../../rule';
import { getMap, getNode, getPair, getSeq, mapItems, pairSpan, scalarString, type Pair } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { readBool } from '../../values';
import { describeContainer, fix, setField } from '../helpers';

const FIX_TITLE = 'Mount read-only: set readOnly: true (unsafe: the container can no longer write there)';

export default defineKubernetesRule({
  meta: {
    id: 'writable-host-path',
    title: 'Mount hostPath volumes read-only',
    description: 'Reports `volumeMounts` of `hostPath` volumes that do not set `readOnly: true`, for every container that mounts them.',
    rationale:
      'A writable hostPath lets the container change files on the node: plant binaries or cron jobs, edit kubelet or container runtime configuration, or write through a mounted socket directory. Read-only limits the damage to reading.',
    remediation: 'Set `readOnly: true` on the volumeMount (and `recursiveReadOnly: Enabled` where supported), or replace the hostPath with an emptyDir, ConfigMap or PersistentVolume.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      kubeLinter: ['writable-host-mount'],
      kubescape: ['C-0045'],
    },
    references: [{ title: 'Volumes: hostPath', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' }],
  },
  check(context) {
    const { file } = context;
    for (const workload of context.workloads) {
      const hostPathVolumes = new Map<string, { pair: Pair; path?: string }>();
      for (const volume of mapItems(getSeq(workload.podSpec, 'volumes'))) {
        const name = scalarString(getNode(volume, 'name'));
        const hostPath = getPair(volume, 'hostPath');
        if (name !== undefined && hostPath) hostPathVolumes.set(name, { pair: hostPath, path: scalarString(getNode(getMap(volume, 'hostPath'), 'path')) });
      }
      if (hostPathVolumes.size === 0) continue;
      for (const container of workload.containers) {
        for (const mount of mapItems(getSeq(container.node, 'volumeMounts'))) {
          const namePair = getPair(mount, 'name');
          const name = scalarString(getNode(mount, 'name'));
          const volume = name === undefined ? undefined : hostPathVolumes.get(name);
          if (!namePair || !volume) continue;
          const readOnly = readBool(file, mount, 'readOnly');
          if (readOnly.state === 'templated' || readOnly.state === 'wrongType' || (readOnly.state === 'value' && readOnly.value)) continue;
          const mountPath = scalarString(getNode(mount, 'mountPath'));
          const edit = readOnly.state === 'value' ? replaceScalar(file, readOnly.node, true) : setField(file, mount, [], 'readOnly', true);
          context.report({
            pair: readOnly.state === 'value' ? readOnly.pair : namePair,
            message: `${describeContainer(container)} mounts hostPath volume "${name}"${volume.path ? ` (${volume.path} on the node)` : ''}${mountPath ? ` at ${mountPath}` : ''} read-write: set readOnly: true.`,
            related: [{ span: pairSpan(volume.pair), message: `hostPath volume "${name}"` }],
            fixes: [fix(FIX_TITLE, false, edit)],
          });
        }
      }
    }
  },
});
