/** Deterministic generator of large multi-document manifests with realistic securityContexts and comments. */
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;

function podSpec(i: number, indent: string): string {
  const hardened = i % 3 === 0;
  const lines = [
    `# pod spec ${i}`,
    'securityContext:',
    `  runAsNonRoot: ${hardened ? 'true' : 'false'}`,
    `  runAsUser: ${hardened ? 10001 : 0}`,
    '  seccompProfile:',
    `    type: ${hardened ? 'RuntimeDefault' : 'Unconfined'}`,
    ...(i % 5 === 0 ? ['hostNetwork: true'] : []),
    'containers:',
    `  - name: app-${i}`,
    `    image: registry.example.com/team/app-${i}:${i % 4 === 0 ? 'latest' : `1.${i}.0`}`,
    '    ports:',
    '      - containerPort: 8080',
    '    securityContext:',
    `      allowPrivilegeEscalation: ${hardened ? 'false' : 'true'}`,
    `      readOnlyRootFilesystem: ${hardened ? 'true' : 'false'}`,
    ...(i % 7 === 0 ? ['      privileged: yes # legacy'] : []),
    '      capabilities:',
    hardened ? '        drop: ["ALL"]' : '        add: ["NET_ADMIN"]',
    '    resources:',
    '      limits:',
    '        memory: 128Mi',
    `  - name: sidecar-${i}`,
    '    image: registry.example.com/proxy:2.1.0',
  ];
  return lines.map((line) => indent + line).join('\n');
}

export function generateManifests(count: number): string {
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const header = `# workload ${i}\napiVersion: ${kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}\nkind: ${kind}\nmetadata:\n  name: app-${i}\n  labels:\n    app: app-${i}\n`;
    let body: string;
    if (kind === 'Pod') body = `spec:\n${podSpec(i, '  ')}`;
    else if (kind === 'CronJob') body = `spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${podSpec(i, '          ')}`;
    else body = `spec:\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n${podSpec(i, '      ')}`;
    documents.push(header + body + '\n');
  }
  return documents.join('---\n');
}
