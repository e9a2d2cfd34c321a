import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import type { YAMLMap } from '../../../documents/yaml';
import { matchLocalhostProfile } from '../../../seccomp/localhost';
import { readMap, readString } from '../../values';
import { describeContainer } from '../helpers';
import { describeWorkload } from '../../model';

export default defineKubernetesRule({
  meta: {
    id: 'seccomp-profile-not-found',
    title: 'A Localhost seccomp profile should exist in the workspace',
    description:
      'In the editor and in `workload-guard scan` of a folder, reports `seccompProfile.type: Localhost` whose `localhostProfile` matches no seccomp profile file of the workspace (matched by trailing path: `profiles/audit.json` matches `node-setup/seccomp/profiles/audit.json`). Go to definition on the value opens the matching file.',
    rationale: 'The kubelet looks for the profile under `/var/lib/kubelet/seccomp/<localhostProfile>` on the node; when it is missing the container fails to start (CreateContainerError). Keeping the profile next to the manifests is how it gets reviewed, linted and shipped to the nodes.',
    remediation: 'Add the profile to the repository (and to the nodes, e.g. with the security-profiles-operator), or fix the path.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer checks that a Localhost seccomp profile exists in the project.',
    },
    references: [{ title: 'Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' }],
  },
  check(context) {
    const profiles = context.workspace.seccompProfiles;
    if (!profiles) return;
    for (const workload of context.workloads) {
      check(context, workload.podSecurityContext, describeWorkload(workload), profiles);
      for (const container of workload.containers) check(context, container.securityContext, describeContainer(container), profiles);
    }
  },
});

function check(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string, profiles: readonly string[]): void {
  const profile = readMap(context.file, securityContext, 'seccompProfile');
  if (profile.state !== 'map') return;
  const type = readString(context.file, profile.map, 'type');
  const localhost = readString(context.file, profile.map, 'localhostProfile');
  if (type.state !== 'value' || type.value !== 'Localhost' || localhost.state !== 'value' || localhost.value.trim() === '') return;
  if (matchLocalhostProfile(localhost.value, profiles).length > 0) return;
  context.report({
    node: localhost.node,
    message: `No seccomp profile ${localhost.value} in this workspace (${who}): the kubelet needs it at /var/lib/kubelet/seccomp/${localhost.value} on every node, or the container does not start.`,
  });
}
