/**
 * Linux capabilities as Kubernetes spells them in `securityContext.capabilities` (no CAP_ prefix), numbered as in
 * torvalds/linux include/uapi/linux/capability.h (CAP_CHOWN = 0 ... CAP_CHECKPOINT_RESTORE = 40).
 * Descriptions are our own one-line summaries.
 */
export interface CapabilityInfo {
  name: string;
  number: number;
  description: string;
}

const CAPABILITY_LIST: readonly CapabilityInfo[] = [
  { name: 'CHOWN', number: 0, description: 'Change the owner and group of any file.' },
  { name: 'DAC_OVERRIDE', number: 1, description: 'Bypass file read, write and execute permission checks.' },
  { name: 'DAC_READ_SEARCH', number: 2, description: 'Bypass file read and directory search permission checks; with open_by_handle_at it can reach host files (the "shocker" escape).' },
  { name: 'FOWNER', number: 3, description: 'Bypass checks that require the caller to own the file (chmod, utime, ...).' },
  { name: 'FSETID', number: 4, description: 'Keep set-user-ID/set-group-ID bits when a file is modified; set SGID on files of other groups.' },
  { name: 'KILL', number: 5, description: 'Send signals to processes of other users.' },
  { name: 'SETGID', number: 6, description: 'Change group IDs and supplementary groups of the process.' },
  { name: 'SETUID', number: 7, description: 'Change user IDs of the process.' },
  { name: 'SETPCAP', number: 8, description: 'Change the capability bounding set and grant inheritable capabilities.' },
  { name: 'LINUX_IMMUTABLE', number: 9, description: 'Set the immutable and append-only file attributes.' },
  { name: 'NET_BIND_SERVICE', number: 10, description: 'Bind to ports below 1024.' },
  { name: 'NET_BROADCAST', number: 11, description: 'Send broadcasts and listen to multicast (unused by the kernel today).' },
  { name: 'NET_ADMIN', number: 12, description: 'Configure network interfaces, routes and firewall rules; sniff with promiscuous mode.' },
  { name: 'NET_RAW', number: 13, description: 'Use raw and packet sockets: craft and spoof packets (ARP/DNS spoofing inside the node network).' },
  { name: 'IPC_LOCK', number: 14, description: 'Lock memory (mlock, mlockall, locked shared memory).' },
  { name: 'IPC_OWNER', number: 15, description: 'Bypass permission checks on System V IPC objects.' },
  { name: 'SYS_MODULE', number: 16, description: 'Load and unload kernel modules: arbitrary kernel code.' },
  { name: 'SYS_RAWIO', number: 17, description: 'Raw I/O port access (iopl, ioperm) and raw device access.' },
  { name: 'SYS_CHROOT', number: 18, description: 'Use chroot and change mount namespaces with setns.' },
  { name: 'SYS_PTRACE', number: 19, description: 'Trace and inspect any process (ptrace, process_vm_readv): read secrets, inject code.' },
  { name: 'SYS_PACCT', number: 20, description: 'Turn process accounting on and off.' },
  { name: 'SYS_ADMIN', number: 21, description: 'The catch-all administrator capability: mount, namespaces, BPF on old kernels, many device ioctls.' },
  { name: 'SYS_BOOT', number: 22, description: 'Reboot the machine and load a new kernel (kexec_load).' },
  { name: 'SYS_NICE', number: 23, description: 'Raise priorities, set real-time scheduling and CPU affinity of other processes.' },
  { name: 'SYS_RESOURCE', number: 24, description: 'Override resource limits and quotas.' },
  { name: 'SYS_TIME', number: 25, description: 'Set the system clock (shared by every container on the node).' },
  { name: 'SYS_TTY_CONFIG', number: 26, description: 'Configure and hang up terminals (vhangup).' },
  { name: 'MKNOD', number: 27, description: 'Create device special files with mknod.' },
  { name: 'LEASE', number: 28, description: 'Take leases on files the process does not own.' },
  { name: 'AUDIT_WRITE', number: 29, description: 'Write records to the kernel audit log.' },
  { name: 'AUDIT_CONTROL', number: 30, description: 'Configure kernel auditing (enable, rules, status).' },
  { name: 'SETFCAP', number: 31, description: 'Set file capabilities on executables.' },
  { name: 'MAC_OVERRIDE', number: 32, description: 'Override mandatory access control (used by Smack).' },
  { name: 'MAC_ADMIN', number: 33, description: 'Change mandatory access control configuration (AppArmor/SELinux/Smack policy).' },
  { name: 'SYSLOG', number: 34, description: 'Read and configure the kernel log (privileged syslog, exposes kernel addresses).' },
  { name: 'WAKE_ALARM', number: 35, description: 'Set timers that wake the system up.' },
  { name: 'BLOCK_SUSPEND', number: 36, description: 'Prevent the system from suspending.' },
  { name: 'AUDIT_READ', number: 37, description: 'Read the audit log through a multicast netlink socket.' },
  { name: 'PERFMON', number: 38, description: 'Use perf_events and other performance monitoring: observe other processes and the kernel.' },
  { name: 'BPF', number: 39, description: 'Load BPF programs and create maps (with PERFMON/NET_ADMIN: tracing and network programs).' },
  { name: 'CHECKPOINT_RESTORE', number: 40, description: 'Checkpoint/restore operations (choose PIDs, read other processes\' map files).' },
];

export const CAPABILITIES: ReadonlyMap<string, CapabilityInfo> = new Map(CAPABILITY_LIST.map((info) => [info.name, info]));

export const CAPABILITY_NAMES: readonly string[] = CAPABILITY_LIST.map((info) => info.name);

/**
 * The capabilities container runtimes grant by default (moby/moby oci/caps defaults, also containerd's and CRI-O's
 * set): what a container has unless it drops them.
 */
export const RUNTIME_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);

/**
 * Capabilities the hardening rules report when added. The choice: everything that acts on the node or on other
 * tenants rather than on the container's own files — the capabilities Docker deliberately leaves out of its default
 * set because they reach the kernel, host devices, host-wide state or other processes (SYS_ADMIN, SYS_MODULE,
 * SYS_RAWIO, SYS_PTRACE, SYS_BOOT, SYS_TIME, NET_ADMIN, DAC_READ_SEARCH, BPF, PERFMON, SYSLOG, MAC_ADMIN,
 * MAC_OVERRIDE), plus NET_RAW, which Docker grants but the CKS curriculum and the Pod Security Standards
 * (restricted drops it; baseline's allowed list excludes it from newer runtimes) treat as a spoofing risk, and
 * SETPCAP, which Kubescape's insecure-capabilities list has (with it a process can re-shape its capability sets).
 * SETFCAP and the rest of Docker's default set stay out: they only matter inside the container's own files.
 */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'NET_RAW',
  'SYS_RAWIO',
  'SYS_BOOT',
  'BPF',
  'PERFMON',
  'SYS_TIME',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
  'SETPCAP',
]);

/**
 * The name without case or CAP_ prefix. CRI runtimes upper-case the name, so `sys_admin` means SYS_ADMIN. A written
 * `CAP_SYS_ADMIN` is granted by CRI-O (it keeps an existing prefix) and ignored by containerd (which adds a second
 * one): reading it as SYS_ADMIN never hides a grant; capability-spelling reports the difference.
 */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export function isKnownCapability(name: string): boolean {
  const normalized = normalizeCapability(name);
  return normalized === 'ALL' || CAPABILITIES.has(normalized);
}

export function isDangerousCapability(name: string): boolean {
  return DANGEROUS_CAPABILITIES.has(normalizeCapability(name));
}
