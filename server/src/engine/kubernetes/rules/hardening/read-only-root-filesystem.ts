import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { isWindowsPod } from '../../model';
import { readBool } from '../../values';
import { describeContainer, fix, forEachContainer, reportContainerMissing, setContainerField } from '../helpers';

const FIX_TITLE = 'Set readOnlyRootFilesystem: true (unsafe: mount an emptyDir where the app writes, e.g. /tmp)';

export default defineKubernetesRule({
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Mount the container root filesystem read-only',
    description: 'Reports containers (including init and ephemeral containers) that do not set `securityContext.readOnlyRootFilesystem: true`.',
    rationale:
      'A writable root filesystem lets an attacker drop tools, modify binaries or configuration, and persist inside the container. A read-only root forces every write into explicit volumes you can see and limit.',
    remediation:
      'Set `readOnlyRootFilesystem: true` in each container\'s `securityContext` and mount an `emptyDir` volume at each path the application writes to (`/tmp`, caches, PID files).',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      kubeLinter: ['no-read-only-root-fs'],
      kubesec: ['ReadOnlyRootFilesystem'],
      polaris: ['notReadOnlyRootFilesystem'],
      trivy: ['KSV014'],
      checkov: ['CKV_K8S_22'],
      kubescape: ['C-0017'],
    },
    references: [{ title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' }],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      if (isWindowsPod(workload)) return; // the field is forbidden for Windows pods
      const read = readBool(file, container.securityContext, 'readOnlyRootFilesystem');
      if (read.state === 'value' && !read.value) {
        context.report({
          pair: read.pair,
          message: `${describeContainer(container)} has a writable root filesystem: set readOnlyRootFilesystem: true and mount emptyDir volumes where it writes.`,
          fixes: [fix(FIX_TITLE, false, replaceScalar(file, read.node, true))],
        });
      } else if (read.state === 'absent' && !workload.templated) {
        reportContainerMissing(
          context,
          container,
          `${describeContainer(container)} has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where it writes.`,
          [fix(FIX_TITLE, false, setContainerField(file, container, [], 'readOnlyRootFilesystem', true))],
        );
      }
    });
  },
});
