// Completion and hover in seccomp profiles (JSON): syscall names for the declared architectures, actions,
// architectures, operators, flags and keys.
import { getLocation, parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { ACTIONS, FLAGS, OPERATORS } from '../engine/seccomp/profile';
import { SYSCALL_DESCRIPTIONS } from '../engine/seccomp/descriptions';
import { ERRNO_NUMBERS, errnoNames } from '../engine/seccomp/errno';
import { BASELINE_IDS, BASELINE_TITLES, baselineFacts, describeFact, SCMP_ARCHES, syscallInfo, syscallNames, tableArchesOf, type TableArch } from '../engine/seccomp/syscalls';
import schema from '../../../schemas/seccomp-profile.schema.json';
import type { CompletionEntry } from './completion';

const ACTION_DOCS: Record<string, string> = {
  SCMP_ACT_ALLOW: 'Let the call run.',
  SCMP_ACT_ERRNO: 'Fail the call with `errnoRet` (default EPERM).',
  SCMP_ACT_KILL: 'Kill the thread (same as SCMP_ACT_KILL_THREAD).',
  SCMP_ACT_KILL_THREAD: 'Kill the calling thread.',
  SCMP_ACT_KILL_PROCESS: 'Kill the whole process.',
  SCMP_ACT_TRAP: 'Send SIGSYS to the thread.',
  SCMP_ACT_TRACE: 'Notify a ptrace tracer (fails with ENOSYS without one).',
  SCMP_ACT_LOG: 'Allow and log the call to the audit log.',
  SCMP_ACT_NOTIFY: 'Forward the call to a user-space agent (needs `listenerPath`).',
};

const KEYS: Record<string, string[]> = {
  root: Object.keys(schema.properties),
  rule: Object.keys(schema.definitions.rule.properties),
  arg: Object.keys(schema.definitions.arg.properties),
};

export function completeSeccomp(text: string, offset: number): CompletionEntry[] {
  const location = getLocation(text, offset);
  const path = location.path;
  const previous = location.previousNode;
  const inString = previous?.type === 'string' && offset > previous.offset && offset <= previous.offset + previous.length;
  const replaceStart = inString && previous ? previous.offset + 1 : offset;
  const quote = (value: string): string => (inString ? value : JSON.stringify(value));
  const last = path[path.length - 1];
  const parent = path[path.length - 2];

  if (location.isAtPropertyKey) {
    const keys = path.length === 1 ? KEYS.root : path[0] === 'syscalls' && path.length === 3 ? KEYS.rule : path.includes('args') && path.length === 5 ? KEYS.arg : [];
    return keys.map((key) => ({ label: key, kind: 'property', insertText: quote(key), replaceStart }));
  }
  if (typeof last === 'number' && parent === 'names') return syscallEntries(text, replaceStart, quote);
  if (last === 'defaultAction' || last === 'action') return values(ACTIONS, replaceStart, quote, ACTION_DOCS);
  if ((typeof last === 'number' && (parent === 'architectures' || parent === 'subArchitectures')) || last === 'architecture') return values(Object.keys(SCMP_ARCHES), replaceStart, quote);
  if (last === 'op') return values(OPERATORS, replaceStart, quote);
  if (typeof last === 'number' && parent === 'flags') return values(FLAGS, replaceStart, quote);
  if (last === 'defaultErrno' || last === 'errno') return values([...ERRNO_NUMBERS.keys()], replaceStart, quote);
  if (last === 'errnoRet' || last === 'defaultErrnoRet') {
    // Numbers, labelled with their names: EPERM (1) is what runtimes use when nothing is set.
    return [...new Set(ERRNO_NUMBERS.values())].map((number) => ({ label: `${number}`, kind: 'value' as const, insertText: `${number}`, replaceStart: offset, detail: errnoNames(number).join(' / '), preselect: number === 1 }));
  }
  return [];
}

function values(list: readonly string[], replaceStart: number, quote: (value: string) => string, docs: Record<string, string> = {}): CompletionEntry[] {
  return list.map((value) => ({ label: value, kind: 'value', insertText: quote(value), replaceStart, documentation: docs[value] }));
}

function declaredArches(text: string): TableArch[] {
  const root = parseTree(text);
  const node: JsonNode | undefined = root ? findNodeAtLocation(root, ['architectures']) : undefined;
  const names = (node?.children ?? []).flatMap((child) => (typeof child.value === 'string' ? [child.value] : []));
  return tableArchesOf(names);
}

function syscallEntries(text: string, replaceStart: number, quote: (value: string) => string): CompletionEntry[] {
  const arches = declaredArches(text);
  return syscallNames()
    .filter((name) => arches.length === 0 || arches.some((arch) => syscallInfo(name)?.numbers[arch] !== undefined))
    .map((name) => ({ label: name, kind: 'value', insertText: quote(name), replaceStart, detail: numbersText(name, arches), documentation: syscallMarkdown(name, arches) }));
}

function numbersText(name: string, arches: readonly TableArch[]): string {
  const info = syscallInfo(name);
  const shown: TableArch[] = arches.length ? [...arches] : ['x86_64', 'aarch64'];
  return shown.map((arch) => `${arch} ${info?.numbers[arch] ?? '—'}`).join(', ');
}

/** Markdown for a syscall: what it does, its numbers, and what the default profiles do with it. */
export function syscallMarkdown(name: string, arches: readonly TableArch[] = []): string | undefined {
  const info = syscallInfo(name);
  if (!info) return undefined;
  const lines = [`**${name}**${SYSCALL_DESCRIPTIONS[name] ? ` — ${SYSCALL_DESCRIPTIONS[name]}` : ''}`, ''];
  const columns = arches.length ? arches : (Object.keys(info.numbers) as TableArch[]);
  lines.push(`Numbers: ${columns.map((arch) => `${arch} ${info.numbers[arch] ?? '(none)'}`).join(', ')}`, '');
  const facts = baselineFacts(name);
  if (facts) for (const id of BASELINE_IDS) lines.push(`- ${BASELINE_TITLES[id]}: ${describeFact(facts[id])}`);
  return lines.join('\n');
}

export function hoverSeccomp(text: string, offset: number): { markdown: string } | undefined {
  const location = getLocation(text, offset);
  const node = location.previousNode;
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const path = location.path;
  const parent = path[path.length - 2];
  const last = path[path.length - 1];
  if ((typeof last === 'number' && parent === 'names') || last === 'name') {
    const markdown = syscallMarkdown(node.value, declaredArches(text));
    return markdown ? { markdown } : undefined;
  }
  if ((last === 'action' || last === 'defaultAction') && ACTION_DOCS[node.value]) return { markdown: `**${node.value}** — ${ACTION_DOCS[node.value]}` };
  return undefined;
}
