import { ALLOW_LIKE_ACTIONS } from '../profile';
import { defineSeccompRule } from '../rule';
import { baselineFacts, describeFact } from '../syscalls';

/** Why the Docker default blocks these (moby/profiles default.json; Docker seccomp documentation). */
const REASONS: Record<string, string> = {
  ptrace: 'reads and writes other processes\' memory; bypasses seccomp on old kernels',
  bpf: 'loads eBPF programs into the kernel',
  mount: 'mounts filesystems', umount: 'unmounts filesystems', umount2: 'unmounts filesystems',
  unshare: 'creates new namespaces (user namespaces expose kernel attack surface)',
  setns: 'joins other namespaces',
  kexec_load: 'loads a new kernel', kexec_file_load: 'loads a new kernel',
  init_module: 'loads kernel modules', finit_module: 'loads kernel modules', delete_module: 'unloads kernel modules',
  reboot: 'reboots the host', swapon: 'enables host swap', swapoff: 'disables host swap',
  open_by_handle_at: 'opens host files by handle (the "shocker" container escape)',
  keyctl: 'manipulates the kernel keyring, which is not namespaced', add_key: 'adds keys to the kernel keyring', request_key: 'requests kernel keys',
  perf_event_open: 'exposes kernel and hardware performance data',
  userfaultfd: 'a frequent tool in kernel exploits',
  clock_settime: 'changes the host clock', settimeofday: 'changes the host clock', clock_adjtime: 'changes the host clock', adjtimex: 'changes the host clock',
  acct: 'switches process accounting on the host', pivot_root: 'changes the root filesystem', chroot: 'changes the root directory',
  iopl: 'raises I/O privilege level', ioperm: 'accesses I/O ports',
  lookup_dcookie: 'kernel profiling interface', quotactl: 'manages disk quotas',
  name_to_handle_at: 'obtains file handles (used with open_by_handle_at)',
  process_vm_readv: 'reads other processes\' memory', process_vm_writev: 'writes other processes\' memory',
  fsopen: 'new mount API', fsmount: 'new mount API', fsconfig: 'new mount API', fspick: 'new mount API', move_mount: 'new mount API', open_tree: 'new mount API',
  io_uring_setup: 'io_uring, a large kernel attack surface', io_uring_enter: 'io_uring', io_uring_register: 'io_uring',
  personality: 'changes the execution domain (can disable ASLR)',
  syslog: 'reads the kernel log', vhangup: 'hangs up the terminal', nfsservctl: 'kernel NFS server control',
  mbind: 'NUMA memory policy', set_mempolicy: 'NUMA memory policy', move_pages: 'moves pages of other processes', migrate_pages: 'migrates pages of other processes',
  uselib: 'obsolete, used in exploits', ustat: 'obsolete', sysfs: 'obsolete', _sysctl: 'obsolete kernel parameter interface',
  clone3: 'creates processes with new namespaces', create_module: 'obsolete module loading', get_kernel_syms: 'obsolete', query_module: 'obsolete',
  vm86: 'virtual 8086 mode', vm86old: 'virtual 8086 mode', stime: 'changes the host clock',
};

export default defineSeccompRule({
  meta: {
    id: 'seccomp-allows-blocked-syscall',
    title: 'Allow-lists should not allow what the Docker default blocks',
    description:
      'In allow-list profiles (default action not ALLOW/LOG), reports unconditional allow rules for system calls that the Docker default profile blocks or allows only with a capability (ptrace, bpf, mount, unshare, setns, kexec_load, init_module, keyctl, open_by_handle_at, …), naming the capability or the reason.',
    rationale: 'The runtime defaults block these calls because they act on the host kernel or cross namespace boundaries. Allowing them unconditionally in a custom profile makes it weaker than RuntimeDefault — the opposite of why custom profiles are written.',
    remediation: 'Remove the call from the allow rule unless the workload really needs it; if it does, document why (and grant only the capability Docker would require).',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: [{ title: 'moby/profiles seccomp default.json', url: 'https://github.com/moby/profiles/blob/main/seccomp/default.json' }, { title: 'Docker: Seccomp security profiles', url: 'https://docs.docker.com/engine/security/seccomp/' }],
  },
  check(context) {
    const { profile } = context;
    const defaultAction = profile.defaultAction?.value;
    if (!defaultAction || ALLOW_LIKE_ACTIONS.includes(defaultAction)) return;
    for (const rule of profile.rules) {
      if (rule.action?.value !== 'SCMP_ACT_ALLOW' || rule.args.length > 0 || rule.hasConditions) continue;
      for (const name of rule.names) {
        const fact = baselineFacts(name.value)?.moby;
        const why = REASONS[name.value];
        // Only the calls with a known host-level risk: a flood of minor differences would hide them.
        if (!fact || !why || fact.status === 'allowed' || fact.status === 'arch-specific' || fact.status === 'kernel-specific') continue;
        context.report({ node: name.node, message: `${name.value} is allowed unconditionally, but in Docker's default it is ${describeFact(fact)}: it ${why}.` });
      }
    }
  },
});
