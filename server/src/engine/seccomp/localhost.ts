// Kubernetes `localhostProfile` values are paths relative to the kubelet's seccomp directory
// (/var/lib/kubelet/seccomp). In a repository the same file lives somewhere else, so a workspace file matches
// when its path ends with the value, segment by segment.

export function normalizeProfilePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Workspace paths whose trailing segments equal `localhostProfile`'s segments. */
export function matchLocalhostProfile(localhostProfile: string, workspacePaths: readonly string[]): string[] {
  const wanted = normalizeProfilePath(localhostProfile).split('/').filter(Boolean);
  if (wanted.length === 0) return [];
  return workspacePaths.filter((candidate) => {
    const segments = normalizeProfilePath(candidate).split('/');
    if (segments.length < wanted.length) return false;
    return wanted.every((segment, index) => segments[segments.length - wanted.length + index] === segment);
  });
}

/** Values a user may mean for a workspace profile: each trailing sub-path, shortest first. */
export function localhostProfileCandidates(workspacePaths: readonly string[]): { value: string; path: string }[] {
  const seen = new Set<string>();
  const candidates: { value: string; path: string }[] = [];
  for (const path of workspacePaths) {
    const segments = normalizeProfilePath(path).split('/');
    for (let start = segments.length - 1; start >= 0; start--) {
      const value = segments.slice(start).join('/');
      if (seen.has(value)) continue;
      seen.add(value);
      candidates.push({ value, path });
    }
  }
  return candidates.sort((a, b) => a.value.split('/').length - b.value.split('/').length || a.value.localeCompare(b.value));
}
