/**
 * Deterministic generators of large bench inputs: multi-document Kubernetes manifests, a seccomp profile over the
 * whole libseccomp syscall table, and a synthetic Falco rules file whose lists, macros and rules use each other.
 * Same arguments, same text: every variation comes from the item index, never from randomness or the clock.
 */
import { syscallNames } from '../../server/src/engine/seccomp/syscalls';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;
type WorkloadKind = (typeof KINDS)[number];

function apiVersionOf(kind: WorkloadKind): string {
  if (kind === 'Pod') return 'v1';
  return kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
}

/** The pod-level securityContext: a third hardened, the rest with the usual mix of mistakes. */
function podSecurityContext(i: number): string[] {
  if (i % 3 === 0) return ['securityContext:', '  runAsNonRoot: true', '  runAsUser: 10001', '  runAsGroup: 10001', '  fsGroup: 10001', '  seccompProfile:', '    type: RuntimeDefault'];
  if (i % 3 === 1) return ['securityContext:', '  runAsUser: 0 # TODO: drop root once the image supports it', '  seccompProfile:', `    type: ${i % 2 ? 'Unconfined' : 'Localhost'}`, ...(i % 2 ? [] : [`    localhostProfile: profiles/app-${i % 10}.json`])];
  return ['securityContext: {}'];
}

function containerSecurityContext(i: number, hardened: boolean): string[] {
  if (hardened) return ['securityContext:', '  allowPrivilegeEscalation: false', '  readOnlyRootFilesystem: true', '  capabilities:', '    drop: ["ALL"]'];
  return [
    'securityContext:',
    `  allowPrivilegeEscalation: ${i % 2 ? 'true' : 'false'}`,
    '  readOnlyRootFilesystem: false',
    ...(i % 7 === 0 ? ['  privileged: yes # legacy spelling, YAML 1.1 boolean'] : []),
    '  capabilities:',
    i % 5 === 0 ? '    add: ["NET_ADMIN", "SYS_TIME"]' : '    add: ["NET_BIND_SERVICE"]',
  ];
}

function probe(kind: 'liveness' | 'readiness', port: number): string[] {
  return [
    `${kind}Probe:`,
    '  httpGet:',
    `    path: /${kind === 'liveness' ? 'healthz' : 'ready'}`,
    `    port: ${port}`,
    '  periodSeconds: 10',
  ];
}

function appContainer(i: number): string[] {
  const hardened = i % 3 === 0;
  const port = 8080 + (i % 4);
  const tag = i % 4 === 0 ? 'latest' : `1.${i % 50}.${i % 7}`;
  return [
    `- name: app-${i}`,
    `  image: registry.example.com/team-${i % 9}/app-${i}:${tag}`,
    `  imagePullPolicy: ${i % 4 === 0 ? 'Always' : 'IfNotPresent'}`,
    '  ports:',
    '    - name: http',
    `      containerPort: ${port}`,
    '  env:',
    '    - name: APP_MODE',
    `      value: "${i % 2 ? 'production' : 'staging'}"`,
    ...(i % 4 === 1 ? ['    - name: DB_PASSWORD', '      valueFrom:', '        secretKeyRef:', `          name: app-${i}-db`, '          key: password'] : []),
    ...(i % 4 === 3 ? [] : ['  resources:', '    limits:', `      memory: ${256 + (i % 3) * 128}Mi`]),
    ...probe(i % 2 ? 'liveness' : 'readiness', port).map((line) => `  ${line}`),
    '  volumeMounts:',
    '    - name: config',
    '      mountPath: /etc/app',
    ...(i % 11 === 0 ? ['    - name: docker-sock', '      mountPath: /var/run/docker.sock'] : []),
    ...containerSecurityContext(i, hardened).map((line) => `  ${line}`),
  ];
}

function sidecar(i: number): string[] {
  return [
    '# log shipper sidecar, shared by every team',
    `- name: log-shipper`,
    '  image: registry.example.com/platform/fluent-bit:3.1.4',
    '  resources:',
    '    limits:',
    '      memory: 64Mi',
    '  securityContext:',
    `    runAsNonRoot: ${i % 2 === 0 ? 'true' : 'false'}`,
    '    allowPrivilegeEscalation: false',
  ];
}

function volumes(i: number): string[] {
  return [
    'volumes:',
    '  - name: config',
    '    configMap:',
    `      name: app-${i}-config`,
    ...(i % 11 === 0 ? ['  - name: docker-sock', '    hostPath:', '      path: /var/run/docker.sock', '      type: Socket'] : []),
  ];
}

function podSpec(i: number): string[] {
  return [
    `# pod spec of workload ${i}`,
    `automountServiceAccountToken: ${i % 3 === 0 ? 'false' : 'true'}`,
    ...(i % 5 === 0 ? ['hostNetwork: true # needs the node IP for metrics'] : []),
    ...(i % 13 === 0 ? ['hostPID: true'] : []),
    ...podSecurityContext(i),
    'containers:',
    ...appContainer(i).map((line) => `  ${line}`),
    ...(i % 6 === 1 ? sidecar(i).map((line) => `  ${line}`) : []),
    ...volumes(i),
  ];
}

function indent(lines: string[], by: string): string {
  return lines.map((line) => by + line).join('\n');
}

function workload(i: number): string {
  const kind = KINDS[i % KINDS.length];
  const header = [
    `# workload ${i}: ${kind.toLowerCase()} of team ${i % 9}`,
    `apiVersion: ${apiVersionOf(kind)}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: app-${i}`,
    `  namespace: team-${i % 9}`,
    '  labels:',
    `    app: app-${i}`,
  ].join('\n');
  const pod = podSpec(i);
  if (kind === 'Pod') return `${header}\nspec:\n${indent(pod, '  ')}\n`;
  const template = (by: string): string => `${by}template:\n${by}  metadata:\n${by}    labels:\n${by}      app: app-${i}\n${by}  spec:\n${indent(pod, `${by}    `)}`;
  if (kind === 'CronJob') return `${header}\nspec:\n  schedule: "*/${5 + (i % 10)} * * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n${template('      ')}\n`;
  if (kind === 'Job') return `${header}\nspec:\n  backoffLimit: 3\n${template('  ')}\n`;
  const replicas = kind === 'DaemonSet' ? '' : `  replicas: ${1 + (i % 5)}\n`;
  const serviceName = kind === 'StatefulSet' ? `  serviceName: app-${i}\n` : '';
  return `${header}\nspec:\n${replicas}${serviceName}  selector:\n    matchLabels:\n      app: app-${i}\n${template('  ')}\n`;
}

function service(i: number): string {
  return `# service in front of workload ${i}\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\n  namespace: team-${i % 9}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`;
}

/** `count` workloads of six kinds (about 55 lines each on average, a Service after every fourth), separated by `---`. */
export function generateManifests(count: number): string {
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    documents.push(workload(i));
    if (i % 4 === 0 && KINDS[i % KINDS.length] !== 'Job' && KINDS[i % KINDS.length] !== 'CronJob') documents.push(service(i));
  }
  return documents.join('---\n');
}

const ACTIONS = ['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_LOG', 'SCMP_ACT_TRACE'] as const;

/**
 * A Docker-style profile naming every syscall of the libseccomp table: grouped allow rules, one rule per syscall with
 * argument filters, capability includes/excludes and architecture conditions, the way big hand-maintained profiles grow.
 */
export function generateSeccompProfile(): string {
  const names = syscallNames();
  const syscalls: Record<string, unknown>[] = [];
  for (let start = 0; start < names.length; start += 40) syscalls.push({ names: names.slice(start, start + 40), action: 'SCMP_ACT_ALLOW', comment: `group ${start / 40}` });
  names.forEach((name, i) => {
    const rule: Record<string, unknown> = { names: [name], action: ACTIONS[i % ACTIONS.length] };
    if (rule.action === 'SCMP_ACT_ERRNO') rule.errnoRet = 1;
    if (i % 3 === 0) rule.args = [{ index: i % 6, value: i, op: i % 2 ? 'SCMP_CMP_EQ' : 'SCMP_CMP_MASKED_EQ', ...(i % 2 ? {} : { valueTwo: 0 }) }];
    if (i % 5 === 0) rule.includes = { caps: ['CAP_SYS_ADMIN'] };
    if (i % 7 === 0) rule.excludes = { arches: ['s390', 's390x'] };
    if (i % 4 === 0) rule.comment = `rule ${i} for ${name}`;
    syscalls.push(rule);
  });
  const profile = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    archMap: [
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
    ],
    syscalls,
  };
  return `${JSON.stringify(profile, null, 2)}\n`;
}

const FIELDS = ['proc.name', 'proc.pname', 'fd.name', 'fd.directory', 'user.name', 'container.image.repository', 'proc.cmdline'] as const;
const OPERATORS = ['in', 'pmatch', 'startswith'] as const;

/**
 * A synthetic Falco rules file of about `targetLines` lines: base macros, then blocks of one list, one macro over
 * that list and earlier macros, and one rule using both, plus appends and overrides of earlier items.
 */
export function generateFalcoRules(targetLines: number): string {
  const out: string[] = [
    '# Synthetic rules generated for the Workload Guard bench.',
    '- required_engine_version: 0.31.0',
    '',
    '- macro: spawned_process',
    '  condition: (evt.type in (execve, execveat))',
    '',
    '- macro: open_write',
    '  condition: (evt.type in (open, openat, openat2) and evt.is_open_write=true and fd.typechar=f and fd.num>=0)',
    '',
    '- macro: container',
    '  condition: (container.id != host)',
    '',
  ];
  for (let i = 0; out.length < targetLines; i++) {
    const field = FIELDS[i % FIELDS.length];
    const operator = field.startsWith('fd.') ? OPERATORS[1 + (i % 2)] : OPERATORS[0];
    const items = Array.from({ length: 4 + (i % 5) }, (_, k) => (field.startsWith('fd.') ? `/srv/app-${i}/dir-${k}` : `item_${i}_${k}`));
    const previous = i > 0 ? ` or synthetic_macro_${i - 1}` : '';
    const condition = operator === 'in' ? `${field} in (synthetic_list_${i})` : operator === 'pmatch' ? `${field} pmatch (synthetic_list_${i})` : `${field} startswith /srv/app-${i}`;
    out.push(
      `# block ${i}`,
      `- list: synthetic_list_${i}`,
      `  items: [${items.map((item) => (item.startsWith('/') ? `"${item}"` : item)).join(', ')}]`,
      '',
      `- macro: synthetic_macro_${i}`,
      `  condition: (${condition}${i % 10 === 0 ? previous : ''})`,
      '',
      `- rule: Synthetic rule ${i}`,
      `  desc: >`,
      `    Detects activity ${i} of ${field} in containers. Generated to exercise list, macro and rule resolution`,
      `    across a large file.`,
      '  condition: >',
      `    ${i % 2 ? 'spawned_process' : 'open_write'} and container`,
      `    and synthetic_macro_${i}`,
      `    and not user.name in (root, synthetic_list_${Math.max(0, i - 1)})`,
      `  output: Synthetic ${i} (user=%user.name command=%proc.cmdline file=%fd.name container=%container.id image=%container.image.repository)`,
      `  priority: ${['WARNING', 'NOTICE', 'ERROR', 'CRITICAL'][i % 4]}`,
      `  tags: [synthetic, block_${i % 10}, mitre_execution]`,
      '',
    );
    if (i % 25 === 24) out.push(`- list: synthetic_list_${i - 3}`, `  items: [extra_${i}]`, '  override:', '    items: append', '');
  }
  return `${out.join('\n')}\n`;
}

/** A copy of `text` with one wrong-typed field, for checking that a schema validator really validates. */
export const SCHEMA_PROBE_DOCUMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: schema-probe
spec:
  replicas: three
  selector:
    matchLabels:
      app: probe
  template:
    metadata:
      labels:
        app: probe
    spec:
      containers:
        - name: app
          image: registry.example.com/probe:1.0.0
`;
