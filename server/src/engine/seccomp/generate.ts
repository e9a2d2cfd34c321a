// Allow-list profiles from what a workload was seen to call: `strace -c -f` summaries, plain `strace -f` logs,
// and kernel audit lines written by an SCMP_ACT_LOG profile. Every input line is either used, recognised as
// noise (blank, headers, signals, exits), or reported with its line number — never dropped silently.
import { didYouMean } from '../text';
import { syscallByNumber, syscallInfo, syscallNames, SCMP_ARCHES, type TableArch } from './syscalls';

export interface GenerationProblem {
  /** 1-based line of the input. */
  line: number;
  message: string;
}

export interface GenerationResult {
  profile: { defaultAction: string; defaultErrnoRet: number; architectures?: string[]; syscalls: { names: string[]; action: string }[] };
  /** The profile as 2-space JSON with a final newline: the same input gives the same bytes. */
  text: string;
  problems: GenerationProblem[];
  syscallCount: number;
}

/**
 * AUDIT_ARCH_* of include/uapi/linux/audit.h: the ELF machine number | __AUDIT_ARCH_64BIT (0x80000000) |
 * __AUDIT_ARCH_LE (0x40000000) | the MIPS n32 convention bit (0x20000000), with the libseccomp table column and the
 * runtime-spec architecture name each stands for.
 */
const AUDIT_ARCHES: Readonly<Record<string, { column: TableArch; scmp: string }>> = {
  c000003e: { column: 'x86_64', scmp: 'SCMP_ARCH_X86_64' }, // EM_X86_64 62
  '40000003': { column: 'x86', scmp: 'SCMP_ARCH_X86' }, // EM_386 3
  c00000b7: { column: 'aarch64', scmp: 'SCMP_ARCH_AARCH64' }, // EM_AARCH64 183
  '40000028': { column: 'arm', scmp: 'SCMP_ARCH_ARM' }, // EM_ARM 40
  c0000015: { column: 'ppc64', scmp: 'SCMP_ARCH_PPC64LE' }, // EM_PPC64 21, little endian
  '80000015': { column: 'ppc64', scmp: 'SCMP_ARCH_PPC64' },
  '14': { column: 'ppc', scmp: 'SCMP_ARCH_PPC' }, // EM_PPC 20
  '80000016': { column: 's390x', scmp: 'SCMP_ARCH_S390X' }, // EM_S390 22
  '16': { column: 's390', scmp: 'SCMP_ARCH_S390' },
  c00000f3: { column: 'riscv64', scmp: 'SCMP_ARCH_RISCV64' }, // EM_RISCV 243
  c0000102: { column: 'loongarch64', scmp: 'SCMP_ARCH_LOONGARCH64' }, // EM_LOONGARCH 258
  '8': { column: 'mips', scmp: 'SCMP_ARCH_MIPS' }, // EM_MIPS 8
  '40000008': { column: 'mips', scmp: 'SCMP_ARCH_MIPSEL' },
  '80000008': { column: 'mips64', scmp: 'SCMP_ARCH_MIPS64' },
  c0000008: { column: 'mips64', scmp: 'SCMP_ARCH_MIPSEL64' },
  a0000008: { column: 'mips64n32', scmp: 'SCMP_ARCH_MIPS64N32' },
  e0000008: { column: 'mips64n32', scmp: 'SCMP_ARCH_MIPSEL64N32' },
};

/** x32 calls arrive with arch x86_64 and __X32_SYSCALL_BIT set in the number (the table lists them without it). */
const X32_SYSCALL_BIT = 0x40000000;

function buildResult(names: Set<string>, arches: Set<string>, problems: GenerationProblem[]): GenerationResult {
  const sorted = [...names].sort();
  if (sorted.length > 0 && !names.has('execve') && !names.has('execveat')) {
    problems.push({ line: 0, message: 'execve was never seen: the trace probably started after the process was exec\'d, and a container cannot start without execve. Trace from the start (strace -f -- <command>).' });
  }
  const profile: GenerationResult['profile'] = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    ...(arches.size > 0 ? { architectures: [...arches].sort() } : {}),
    syscalls: sorted.length > 0 ? [{ names: sorted, action: 'SCMP_ACT_ALLOW' }] : [],
  };
  return { profile, text: `${JSON.stringify(profile, null, 2)}\n`, problems: problems.sort((a, b) => a.line - b.line), syscallCount: sorted.length };
}

function unknownNameProblem(line: number, name: string): GenerationProblem {
  const suggestion = didYouMean(name, syscallNames())[0];
  return { line, message: `"${name}" is not a syscall libseccomp knows${suggestion ? ` (did you mean ${suggestion}?)` : ''}; left out.` };
}

const STRACE_SUMMARY_ROW = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+)(?:\s+(\d+))?\s+([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const STRACE_SUMMARY_HEADER = /^\s*%\s*time\s+seconds/;
// Optional "[pid N]" or "N " prefix, optional -t/-tt/-ttt/-r timestamp, then name( ... or <... name resumed>.
const STRACE_CALL = /^(?:\[pid\s+\d+\]\s+|\d+\s+)?(?:\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+|\d+\.\d+\s+|\s*\d+\.\d+\s+)?(?:<\.\.\.\s+([A-Za-z_][A-Za-z0-9_]*)\s+resumed>|([A-Za-z_][A-Za-z0-9_]*)\()/;
const STRACE_NOISE = /^(?:\[pid\s+\d+\]\s+|\d+\s+)?(?:\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+|\d+\.\d+\s+)?(?:\+\+\+ |--- |strace: |Process \d+ (?:attached|detached))/;

export function profileFromStrace(input: string, options: { arches?: readonly string[] } = {}): GenerationResult {
  const names = new Set<string>();
  const problems: GenerationProblem[] = [];
  const arches = new Set<string>();
  for (const arch of options.arches ?? []) {
    if (SCMP_ARCHES[arch]) arches.add(arch);
    else problems.push({ line: 0, message: `Unknown architecture ${arch}: use SCMP_ARCH_* names (e.g. SCMP_ARCH_X86_64).` });
  }
  let inSummary = false;
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trimEnd();
    if (text.trim() === '') return;
    if (STRACE_SUMMARY_HEADER.test(text)) {
      inSummary = true;
      return;
    }
    if (inSummary) {
      if (/^[-\s]+$/.test(text)) return;
      const row = STRACE_SUMMARY_ROW.exec(text);
      if (row) {
        const name = row[6];
        if (name === 'total') return;
        if (syscallInfo(name)) names.add(name);
        else problems.push(unknownNameProblem(line, name));
        return;
      }
      problems.push({ line, message: 'Not a row of the strace -c summary table; left out.' });
      return;
    }
    if (STRACE_NOISE.test(text)) return;
    const call = STRACE_CALL.exec(text);
    if (call) {
      const name = call[1] ?? call[2];
      if (syscallInfo(name)) names.add(name);
      else problems.push(unknownNameProblem(line, name));
      return;
    }
    problems.push({ line, message: 'Not a strace line (expected `name(args) = result`, `<... name resumed>` or an `strace -c` table); left out.' });
  });
  return buildResult(names, arches, problems);
}

const AUDIT_SECCOMP = /type=SECCOMP\b|type=1326\b/;
const AUDIT_FIELD = (field: string): RegExp => new RegExp(`(?:^|\\s)${field}=([^\\s]+)`);

export function profileFromAudit(input: string): GenerationResult {
  const names = new Set<string>();
  const arches = new Set<string>();
  const problems: GenerationProblem[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || !AUDIT_SECCOMP.test(raw)) return; // other audit records, journal noise
    const archField = AUDIT_FIELD('arch').exec(raw)?.[1];
    const syscallField = AUDIT_FIELD('syscall').exec(raw)?.[1];
    if (!archField || !syscallField || !/^\d+$/.test(syscallField)) {
      problems.push({ line, message: 'SECCOMP record without a numeric syscall= and an arch= field; left out.' });
      return;
    }
    const archKey = archField.toLowerCase().replace(/^0x/, '').replace(/^0+(?=.)/, '');
    const arch = AUDIT_ARCHES[archKey];
    if (!arch) {
      problems.push({ line, message: `Unknown audit architecture ${archField}; left out.` });
      return;
    }
    let number = Number(syscallField);
    let column = arch.column;
    let scmp = arch.scmp;
    if (column === 'x86_64' && number >= X32_SYSCALL_BIT) {
      number -= X32_SYSCALL_BIT;
      column = 'x32';
      scmp = 'SCMP_ARCH_X32';
    }
    const name = syscallByNumber(column, number);
    if (!name) {
      problems.push({ line, message: `No syscall number ${number} on ${column} in libseccomp's table; left out.` });
      return;
    }
    names.add(name);
    arches.add(scmp);
  });
  return buildResult(names, arches, problems);
}
