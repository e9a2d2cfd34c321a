import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

const EFFECT: Record<string, string> = {
  archMap: 'gives no architectures (only the native ABI is filtered)',
  includes: 'is dropped, so this conditional rule applies unconditionally',
  excludes: 'is dropped, so this conditional rule applies unconditionally',
  name: 'is dropped, so this rule names no syscall and does nothing',
  errno: 'is dropped, so the rule returns EPERM (or errnoRet)',
  defaultErrno: 'is dropped, so the default returns EPERM (or defaultErrnoRet)',
};

export default defineSeccompRule({
  meta: {
    id: 'seccomp-extensions-ignored',
    title: 'Docker/Podman-only fields are ignored for Kubernetes Localhost profiles on containerd',
    description:
      'Reports the Docker and containers/common extensions (`archMap`, `syscalls[].name`, `includes`, `excludes`, `errno`, `defaultErrno`) and says what happens when containerd loads the profile as a Kubernetes `Localhost` profile: it reads plain OCI JSON and drops them silently.',
    rationale: 'A profile copied from Docker\'s default works under Docker and Podman/CRI-O, but on containerd its conditional rules become unconditional (e.g. capability-gated `mount`/`bpf` become allowed for everyone) and `archMap` yields no 32-bit ABIs.',
    remediation: 'For Kubernetes on containerd write plain OCI: `architectures` instead of `archMap`, `names` instead of `name`, and resolve `includes`/`excludes` for your nodes (drop rules whose capabilities the pod does not have).',
    defaultSeverity: 'information',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: [{ title: 'containerd contrib/seccomp/seccomp.go', url: 'https://github.com/containerd/containerd/blob/main/contrib/seccomp/seccomp.go' }, ...FORMAT_SOURCES],
  },
  check(context) {
    // One finding per kind of key, at its first use: the same fact repeated on every rule would drown the file.
    const byKey = new Map<string, typeof context.profile.extensionKeys>();
    for (const entry of context.profile.extensionKeys) {
      if (!EFFECT[entry.key]) continue;
      byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
    }
    for (const [key, entries] of byKey) {
      const more = entries.length > 1 ? ` (${entries.length} places in this profile)` : '';
      context.report({ span: entries[0].keySpan, message: `"${key}" is a Docker/containers-common extension${more}: containerd (Kubernetes Localhost profiles) ignores it, so it ${EFFECT[key]}.` });
    }
  },
});
