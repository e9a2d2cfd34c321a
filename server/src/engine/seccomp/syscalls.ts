// Lookups over the generated libseccomp syscall table and the default-profile facts (data.generated.ts).
import { BASELINE_ROWS, SYSCALL_ROWS, TABLE_ARCHES } from './data.generated';

export type TableArch = (typeof TABLE_ARCHES)[number];

/** runtime-spec SeccompArch values (format.md §2) and the libseccomp table column each one uses. */
export const SCMP_ARCHES: Readonly<Record<string, TableArch>> = {
  SCMP_ARCH_X86: 'x86',
  SCMP_ARCH_X86_64: 'x86_64',
  SCMP_ARCH_X32: 'x32',
  SCMP_ARCH_ARM: 'arm',
  SCMP_ARCH_AARCH64: 'aarch64',
  SCMP_ARCH_LOONGARCH64: 'loongarch64',
  SCMP_ARCH_M68K: 'm68k',
  SCMP_ARCH_MIPS: 'mips',
  SCMP_ARCH_MIPS64: 'mips64',
  SCMP_ARCH_MIPS64N32: 'mips64n32',
  SCMP_ARCH_MIPSEL: 'mips',
  SCMP_ARCH_MIPSEL64: 'mips64',
  SCMP_ARCH_MIPSEL64N32: 'mips64n32',
  SCMP_ARCH_PPC: 'ppc',
  SCMP_ARCH_PPC64: 'ppc64',
  SCMP_ARCH_PPC64LE: 'ppc64',
  SCMP_ARCH_S390: 's390',
  SCMP_ARCH_S390X: 's390x',
  SCMP_ARCH_SH: 'sh',
  SCMP_ARCH_SHEB: 'sh',
  SCMP_ARCH_PARISC: 'parisc',
  SCMP_ARCH_PARISC64: 'parisc64',
  SCMP_ARCH_RISCV64: 'riscv64',
};

/** runc's arch table lacks these (format.md §2): it rejects them with "not a valid arch". */
export const ARCHES_RUNC_REJECTS: ReadonlySet<string> = new Set(['SCMP_ARCH_PARISC', 'SCMP_ARCH_PARISC64', 'SCMP_ARCH_M68K', 'SCMP_ARCH_SH', 'SCMP_ARCH_SHEB']);

export interface SyscallInfo {
  name: string;
  /** Number per table column; undefined where the syscall does not exist. */
  numbers: Partial<Record<TableArch, number>>;
}

let table: Map<string, SyscallInfo> | undefined;

/** Parsed lazily: most files never need the table. */
export function syscallTable(): ReadonlyMap<string, SyscallInfo> {
  if (!table) {
    table = new Map();
    for (const line of SYSCALL_ROWS.split('\n')) {
      const [name, ...cells] = line.split(',');
      const numbers: Partial<Record<TableArch, number>> = {};
      cells.forEach((cell, index) => {
        if (cell !== '') numbers[TABLE_ARCHES[index]] = Number(cell);
      });
      table.set(name, { name, numbers });
    }
  }
  return table;
}

export function syscallInfo(name: string): SyscallInfo | undefined {
  return syscallTable().get(name);
}

export function syscallNames(): string[] {
  return [...syscallTable().keys()];
}

/** The table columns a profile covers: its declared arches, or every column when it declares none. */
export function tableArchesOf(scmpArches: readonly string[]): TableArch[] {
  const columns = new Set<TableArch>();
  for (const arch of scmpArches) {
    const column = SCMP_ARCHES[arch];
    if (column) columns.add(column);
  }
  return [...columns];
}

/** Reverse lookup for audit logs: the syscall with this number on a table column. */
export function syscallByNumber(arch: TableArch, number: number): string | undefined {
  for (const info of syscallTable().values()) if (info.numbers[arch] === number) return info.name;
  return undefined;
}

export type BaselineId = 'moby' | 'containers-common' | 'containerd';
export const BASELINE_IDS: readonly BaselineId[] = ['moby', 'containers-common', 'containerd'];
export const BASELINE_TITLES: Record<BaselineId, string> = { moby: 'Docker default', 'containers-common': 'Podman/CRI-O default', containerd: 'containerd default (Kubernetes RuntimeDefault)' };

export interface BaselineFact {
  status: 'allowed' | 'allowed-arg-filtered' | 'requires-cap' | 'arch-specific' | 'kernel-specific' | 'conditional' | 'denied-explicit' | 'denied-default';
  caps: string[];
}

let facts: Map<string, Record<BaselineId, BaselineFact>> | undefined;

export function baselineFacts(name: string): Record<BaselineId, BaselineFact> | undefined {
  if (!facts) {
    facts = new Map();
    for (const line of BASELINE_ROWS.split('\n')) {
      const [syscall, ...cells] = line.split(',');
      const entry = {} as Record<BaselineId, BaselineFact>;
      cells.forEach((cell, index) => {
        const [status, caps] = cell.split(':');
        entry[BASELINE_IDS[index]] = { status: status as BaselineFact['status'], caps: caps ? caps.split('|') : [] };
      });
      facts.set(syscall, entry);
    }
  }
  return facts.get(name);
}

/** A few words on a baseline's treatment of a syscall, for hovers and messages. */
export function describeFact(fact: BaselineFact): string {
  switch (fact.status) {
    case 'allowed':
      return 'allowed';
    case 'allowed-arg-filtered':
      return 'allowed only with certain arguments';
    case 'requires-cap':
      return `allowed only with ${fact.caps.join(' or ')}`;
    case 'arch-specific':
      return 'allowed only on some architectures';
    case 'kernel-specific':
      return 'allowed only on newer kernels';
    case 'conditional':
      return `allowed only under conditions${fact.caps.length ? ` (e.g. with ${fact.caps.join(' or ')})` : ''}`;
    case 'denied-explicit':
      return 'blocked explicitly';
    case 'denied-default':
      return 'blocked (not in the allow list)';
  }
}
