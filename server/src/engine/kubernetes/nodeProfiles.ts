// Which AppArmor and seccomp profiles the nodes must have installed for the workloads of a file: Localhost
// seccomp profiles (relative to /var/lib/kubelet/seccomp) and Localhost AppArmor profiles (field or annotation).
import { getMap, keyName, nodeSpan, scalarString, type Pair, type YamlFile } from '../documents/yaml';
import type { Span } from '../types';
import { describeContainer, describeWorkload, findObjects, findWorkloads } from './model';
import { effectiveMap, profileType } from './securityContext';
import { readString } from './values';

export interface NodeProfileNeed {
  kind: 'seccomp' | 'apparmor';
  profile: string;
  workload: string;
  container: string;
  span: Span;
}

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export function nodeProfileNeeds(file: YamlFile): NodeProfileNeed[] {
  const needs: NodeProfileNeed[] = [];
  for (const workload of findWorkloads(file, findObjects(file))) {
    const annotations = getMap(workload.podMetadata, 'annotations');
    for (const container of workload.containers) {
      for (const kind of ['seccomp', 'apparmor'] as const) {
        const profile = effectiveMap(file, workload, container, kind === 'seccomp' ? 'seccompProfile' : 'appArmorProfile');
        if (profileType(file, profile).type !== 'Localhost' || !('map' in profile)) continue;
        const name = readString(file, profile.map, 'localhostProfile');
        if (name.state === 'value' && name.value) needs.push({ kind, profile: name.value, workload: describeWorkload(workload), container: describeContainer(container), span: nodeSpan(name.node) ?? { start: 0, end: 0 } });
      }
      const annotation = (annotations?.items as Pair[] | undefined)?.find((pair) => keyName(pair) === `${APPARMOR_ANNOTATION}${container.name}`);
      const value = annotation ? scalarString(annotation.value as never) : undefined;
      if (value?.startsWith('localhost/')) needs.push({ kind: 'apparmor', profile: value.slice('localhost/'.length), workload: describeWorkload(workload), container: describeContainer(container), span: nodeSpan(annotation?.value as never) ?? { start: 0, end: 0 } });
    }
  }
  return needs;
}

/** A markdown report grouping the needs by profile, for the editor command. */
export function nodeProfilesMarkdown(needs: readonly (NodeProfileNeed & { location: string })[]): string {
  if (needs.length === 0) return '# Node profiles\n\nNo workload in the workspace uses a Localhost seccomp or AppArmor profile.\n';
  const lines = ['# Node profiles', '', 'Install these on every node that may run the workloads (seccomp: under `/var/lib/kubelet/seccomp/`; AppArmor: loaded with `apparmor_parser`).', ''];
  for (const kind of ['seccomp', 'apparmor'] as const) {
    const byProfile = new Map<string, typeof needs>();
    for (const need of needs.filter((entry) => entry.kind === kind)) byProfile.set(need.profile, [...(byProfile.get(need.profile) ?? []), need]);
    if (byProfile.size === 0) continue;
    lines.push(`## ${kind === 'seccomp' ? 'Seccomp' : 'AppArmor'}`, '');
    for (const [profile, users] of [...byProfile].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`- \`${profile}\``);
      for (const user of users) lines.push(`  - ${user.workload}, ${user.container} — ${user.location}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
