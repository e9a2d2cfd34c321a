/**
 * The subset of the Kubernetes API (k8s.io/api core/v1, apps/v1, batch/v1 types.go) that security analysis,
 * completion and hover need: field names exactly as in the JSON tags, their value kinds, enums and short descriptions.
 * OWNER NOTE: tables are filled from upstream types.go; keep names/enums exact — do not invent fields.
 * Descriptions are written for this project from the upstream doc comments.
 */
import { GENERIC_POD_SPEC_PATHS, POD_SPEC_PATHS } from './model';

export type FieldKind = 'boolean' | 'integer' | 'string' | 'object' | 'array' | 'stringMap' | 'intOrString';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** For object fields, and arrays of objects: the API type name, e.g. 'SecurityContext'. */
  ref?: string;
  /** For arrays of scalars: the item kind. */
  items?: 'string' | 'integer';
  /** Allowed values (strings as written in YAML). */
  enum?: readonly string[];
  /** One or two sentences written for this project from the upstream API documentation. */
  description: string;
  /** Highlighted in completion and hover when it bears on security. */
  securityRelevant?: boolean;
}

export type ApiType = Readonly<Record<string, FieldSpec>>;

type Spec = Omit<FieldSpec, 'name'>;

/** Names each field after its key, so a table cannot disagree with itself. */
function apiType(fields: Record<string, Spec>): ApiType {
  const result: Record<string, FieldSpec> = {};
  for (const [name, spec] of Object.entries(fields)) result[name] = { name, ...spec };
  return Object.freeze(result);
}

const SECURITY = { securityRelevant: true } as const;

function bool(description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'boolean', description, ...extra };
}
function int(description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'integer', description, ...extra };
}
function str(description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'string', description, ...extra };
}
function oneOf(values: readonly string[], description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'string', enum: values, description, ...extra };
}
function obj(ref: string | undefined, description: string, extra: Partial<Spec> = {}): Spec {
  return ref ? { kind: 'object', ref, description, ...extra } : { kind: 'object', description, ...extra };
}
function list(ref: string | undefined, description: string, extra: Partial<Spec> = {}): Spec {
  return ref ? { kind: 'array', ref, description, ...extra } : { kind: 'array', description, ...extra };
}
function strings(description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'array', items: 'string', description, ...extra };
}
function stringMap(description: string, extra: Partial<Spec> = {}): Spec {
  return { kind: 'stringMap', description, ...extra };
}
function intOrString(description: string): Spec {
  return { kind: 'intOrString', description };
}

// Enums, exactly as the constants in core/v1 types.go.
export const SECCOMP_PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'] as const;
export const APPARMOR_PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'] as const;
export const PROC_MOUNT_TYPES = ['Default', 'Unmasked'] as const;
export const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] as const;
export const SELINUX_CHANGE_POLICIES = ['MountOption', 'Recursive'] as const;
export const SUPPLEMENTAL_GROUPS_POLICIES = ['Merge', 'Strict'] as const;
export const FS_GROUP_CHANGE_POLICIES = ['OnRootMismatch', 'Always'] as const;
export const MOUNT_PROPAGATION_MODES = ['None', 'HostToContainer', 'Bidirectional'] as const;
export const RECURSIVE_READ_ONLY_MODES = ['Disabled', 'IfPossible', 'Enabled'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const PULL_POLICIES = ['Always', 'Never', 'IfNotPresent'] as const;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'] as const;
const OS_NAMES = ['linux', 'windows'] as const;
const URI_SCHEMES = ['HTTP', 'HTTPS'] as const;
const STORAGE_MEDIA = ['', 'Memory', 'HugePages'] as const;

const OBJECT_META = apiType({
  name: str('Name of the object, unique within its namespace and kind.'),
  generateName: str('Prefix the server uses to generate a unique name when `name` is empty.'),
  namespace: str('Namespace the object lives in; empty means the default namespace for namespaced kinds.'),
  labels: stringMap('Key/value labels used by selectors (Services, controllers, network policies).'),
  annotations: stringMap('Non-identifying key/value metadata read by tools and controllers (e.g. AppArmor legacy annotations, Workload Guard ignores).', SECURITY),
  ownerReferences: list(undefined, 'Objects this object depends on; garbage collection deletes it with its owner.'),
  finalizers: strings('Names of controllers that must finish clean-up before the object is deleted.'),
  uid: str('Server-assigned unique id (read-only).'),
  resourceVersion: str('Server-assigned version for optimistic concurrency (read-only).'),
  generation: int('Server-assigned sequence number of the desired state (read-only).'),
  creationTimestamp: str('Server-assigned creation time (read-only).'),
  deletionTimestamp: str('Time the object will be deleted, set by the server on graceful deletion (read-only).'),
  deletionGracePeriodSeconds: int('Seconds left for graceful termination once deletion was requested (read-only).'),
  managedFields: list(undefined, 'Server-side apply bookkeeping of which manager owns which field (internal).'),
  selfLink: str('Deprecated legacy URL of the object; no longer set by the server.'),
});

const SECURITY_CONTEXT = apiType({
  capabilities: obj('Capabilities', 'Linux capabilities to add to or drop from the runtime default set. Not allowed when `spec.os.name` is windows.', SECURITY),
  privileged: bool('Runs the container privileged: all capabilities, all host devices, no confinement — effectively root on the node. Defaults to false.', SECURITY),
  seLinuxOptions: obj('SELinuxOptions', 'SELinux label for this container; overrides the pod-level value. Without it the runtime picks a random label.', SECURITY),
  windowsOptions: obj('WindowsSecurityContextOptions', 'Windows-specific settings for this container; overrides the pod-level values field by field.', SECURITY),
  runAsUser: int('UID of the container entrypoint; overrides the pod-level value. Defaults to the image USER.', SECURITY),
  runAsGroup: int('Primary GID of the container entrypoint; overrides the pod-level value. Defaults to the runtime default.', SECURITY),
  runAsNonRoot: bool('When true the kubelet refuses to start the container if it would run as UID 0. Overrides the pod-level value.', SECURITY),
  readOnlyRootFilesystem: bool('Mounts the container root filesystem read-only. Defaults to false.', SECURITY),
  allowPrivilegeEscalation: bool('Controls the no_new_privs flag: whether a process can gain more privileges than its parent (setuid binaries, file capabilities). Always true for privileged or CAP_SYS_ADMIN containers.', SECURITY),
  procMount: oneOf(PROC_MOUNT_TYPES, 'How /proc is mounted: Default masks and read-only-mounts sensitive paths; Unmasked exposes them (needs hostUsers: false).', SECURITY),
  seccompProfile: obj('SeccompProfile', 'Seccomp profile for this container; overrides the pod-level profile. Not allowed when `spec.os.name` is windows.', SECURITY),
  appArmorProfile: obj('AppArmorProfile', 'AppArmor profile for this container; overrides the pod-level profile. Not allowed when `spec.os.name` is windows.', SECURITY),
});

const POD_SECURITY_CONTEXT = apiType({
  seLinuxOptions: obj('SELinuxOptions', 'SELinux label for all containers, unless a container sets its own.', SECURITY),
  windowsOptions: obj('WindowsSecurityContextOptions', 'Windows-specific settings for all containers, unless a container overrides them.', SECURITY),
  runAsUser: int('UID of every container entrypoint, unless a container sets its own. Defaults to the image USER.', SECURITY),
  runAsGroup: int('Primary GID of every container entrypoint, unless a container sets its own.', SECURITY),
  runAsNonRoot: bool('When true the kubelet refuses to start any container that would run as UID 0, unless a container overrides it.', SECURITY),
  supplementalGroups: { kind: 'array', items: 'integer', description: 'Extra GIDs added to the first process of every container (besides the primary GID and fsGroup).', ...SECURITY },
  supplementalGroupsPolicy: oneOf(SUPPLEMENTAL_GROUPS_POLICIES, 'How supplemental groups are computed: Merge (default) also adds the groups of the image /etc/group; Strict uses only the listed ones.', SECURITY),
  fsGroup: int('Group that owns supported volumes (setgid, group-writable) and is added to every container process.', SECURITY),
  sysctls: list('Sysctl', 'Namespaced kernel parameters set for the pod; unsafe ones must be allowed on the kubelet. Not allowed on Windows.', SECURITY),
  fsGroupChangePolicy: oneOf(FS_GROUP_CHANGE_POLICIES, 'When volume ownership is changed to fsGroup: OnRootMismatch (only if the root differs) or Always (default).'),
  seccompProfile: obj('SeccompProfile', 'Seccomp profile for all containers, unless a container sets its own. Not allowed on Windows.', SECURITY),
  appArmorProfile: obj('AppArmorProfile', 'AppArmor profile for all containers, unless a container sets its own. Not allowed on Windows.', SECURITY),
  seLinuxChangePolicy: oneOf(SELINUX_CHANGE_POLICIES, 'How the SELinux label reaches volumes: MountOption (mount with -o context) or Recursive (relabel every file).'),
});

const CAPABILITIES = apiType({
  add: strings('Capabilities added to the runtime default set (names without the CAP_ prefix, e.g. NET_BIND_SERVICE).', SECURITY),
  drop: strings('Capabilities removed from the runtime default set; `ALL` drops every one.', SECURITY),
});

const SECCOMP_PROFILE = apiType({
  type: oneOf(SECCOMP_PROFILE_TYPES, 'Kind of seccomp profile: RuntimeDefault (the runtime default filter), Localhost (a file on the node) or Unconfined (no filter).', SECURITY),
  localhostProfile: str('Path of the profile file relative to the kubelet seccomp directory. Required with, and only allowed with, type Localhost.', SECURITY),
});

const APPARMOR_PROFILE = apiType({
  type: oneOf(APPARMOR_PROFILE_TYPES, 'Kind of AppArmor profile: RuntimeDefault (the runtime default profile), Localhost (a profile loaded on the node) or Unconfined (no enforcement).', SECURITY),
  localhostProfile: str('Name of a profile loaded on the node. Required with, and only allowed with, type Localhost.', SECURITY),
});

const SELINUX_OPTIONS = apiType({
  user: str('SELinux user of the label.', SECURITY),
  role: str('SELinux role of the label.', SECURITY),
  type: str('SELinux type of the label (e.g. container_t); some types such as spc_t lift confinement.', SECURITY),
  level: str('SELinux level (MCS/MLS range) of the label.', SECURITY),
});

const WINDOWS_OPTIONS = apiType({
  gmsaCredentialSpecName: str('Name of the GMSA credential spec resource to use.'),
  gmsaCredentialSpec: str('Contents of the GMSA credential spec, inlined by the GMSA admission webhook.'),
  runAsUserName: str('Windows user name for the entrypoint; defaults to the image user.', SECURITY),
  hostProcess: bool('Runs the container as a Windows HostProcess container with host access; all containers of the pod must agree and hostNetwork must be true.', SECURITY),
});

const SYSCTL = apiType({
  name: str('Name of the kernel parameter, e.g. net.ipv4.ip_unprivileged_port_start.', SECURITY),
  value: str('Value to set, as a string.'),
});

const POD_OS = apiType({
  name: oneOf(OS_NAMES, 'Operating system of the pod: linux or windows. Decides which security fields are allowed.', SECURITY),
});

const CONTAINER_PORT = apiType({
  name: str('IANA service name of the port, unique within the pod; Services can refer to it.'),
  hostPort: int('Port opened on the node for this container port; ties the pod to one node per port and bypasses network policies on some CNIs.', SECURITY),
  containerPort: int('Port the container listens on, 1-65535.'),
  protocol: oneOf(PROTOCOLS, 'Protocol of the port. Defaults to TCP.'),
  hostIP: str('Host address the host port binds to.'),
});

const VOLUME_MOUNT = apiType({
  name: str('Name of the pod volume to mount.'),
  readOnly: bool('Mounts the volume read-only. Defaults to false (read-write).', SECURITY),
  recursiveReadOnly: oneOf(RECURSIVE_READ_ONLY_MODES, 'Whether a read-only mount is also read-only for its sub-mounts; only meaningful with readOnly: true.', SECURITY),
  mountPath: str('Path in the container where the volume appears.'),
  subPath: str('Sub-path of the volume to mount instead of its root.'),
  mountPropagation: oneOf(MOUNT_PROPAGATION_MODES, 'How mounts propagate between host and container; Bidirectional needs a privileged container.', SECURITY),
  subPathExpr: str('Like subPath, with $(VAR) references expanded from the container environment.'),
  bindMountOptions: strings('Extra bind mount options: noexec, nodev and nosuid (Linux only).', SECURITY),
});

const HOST_PATH_VOLUME = apiType({
  path: str('Path of the file or directory on the node. Gives the pod direct access to the host filesystem.', SECURITY),
  type: oneOf(HOST_PATH_TYPES, 'What must exist at the path (Directory, File, Socket, ...) or be created (DirectoryOrCreate, FileOrCreate). Empty skips the check.'),
});

const EMPTY_DIR_VOLUME = apiType({
  medium: oneOf(STORAGE_MEDIA, 'Backing storage: empty for the node default, Memory for tmpfs, or HugePages.'),
  sizeLimit: intOrString('Maximum size of the directory (a quantity such as 64Mi).'),
  mode: int('Permission bits of the directory (octal, e.g. 0755).'),
});

const KEY_TO_PATH = apiType({
  key: str('Key of the Secret/ConfigMap to project.'),
  path: str('Relative file path for the key inside the volume.'),
  mode: int('Permission bits of this file (octal 0000-0777 or decimal 0-511).', SECURITY),
  user: int('Owner UID of this file.'),
});

const SECRET_VOLUME = apiType({
  secretName: str('Name of the Secret in the pod namespace.'),
  items: list('KeyToPath', 'Keys to project and their paths; without it every key becomes a file.'),
  defaultMode: int('Default permission bits of the files (octal 0000-0777 or decimal 0-511). Defaults to 0644.', SECURITY),
  optional: bool('Whether the Secret or its keys may be missing.'),
  defaultUser: int('Default owner UID of the files.'),
});

const CONFIG_MAP_VOLUME = apiType({
  name: str('Name of the ConfigMap in the pod namespace.'),
  items: list('KeyToPath', 'Keys to project and their paths; without it every key becomes a file.'),
  defaultMode: int('Default permission bits of the files (octal 0000-0777 or decimal 0-511). Defaults to 0644.'),
  optional: bool('Whether the ConfigMap or its keys may be missing.'),
  defaultUser: int('Default owner UID of the files.'),
});

/** Volume: its name plus exactly one volume source key. */
const VOLUME = apiType({
  name: str('Name of the volume, unique in the pod; volumeMounts refer to it.'),
  hostPath: obj('HostPathVolumeSource', 'A file or directory of the node mounted into the pod: host filesystem access, a classic escape path.', SECURITY),
  emptyDir: obj('EmptyDirVolumeSource', 'A scratch directory that lives as long as the pod; the usual writable path next to a read-only root filesystem.'),
  gcePersistentDisk: obj(undefined, 'Deprecated in-tree GCE persistent disk (redirected to the CSI driver).'),
  awsElasticBlockStore: obj(undefined, 'Deprecated in-tree AWS EBS volume (redirected to the CSI driver).'),
  gitRepo: obj(undefined, 'Deprecated: clones a git repository on the node (use an init container with an emptyDir instead).', SECURITY),
  secret: obj('SecretVolumeSource', 'Files from a Secret.'),
  nfs: obj(undefined, 'An NFS export mounted for the pod.'),
  iscsi: obj(undefined, 'An iSCSI disk attached to the node and mounted for the pod.'),
  glusterfs: obj(undefined, 'Deprecated in-tree GlusterFS mount, no longer supported.'),
  persistentVolumeClaim: obj(undefined, 'A PersistentVolumeClaim in the pod namespace.'),
  rbd: obj(undefined, 'Deprecated in-tree Ceph RBD block device, no longer supported.'),
  flexVolume: obj(undefined, 'Deprecated exec-based FlexVolume plugin volume.'),
  cinder: obj(undefined, 'Deprecated in-tree OpenStack Cinder volume (redirected to the CSI driver).'),
  cephfs: obj(undefined, 'Deprecated in-tree CephFS mount, no longer supported.'),
  flocker: obj(undefined, 'Deprecated Flocker volume, no longer supported.'),
  downwardAPI: obj(undefined, 'Files with pod metadata (labels, annotations, resources).'),
  fc: obj(undefined, 'A Fibre Channel disk attached to the node.'),
  azureFile: obj(undefined, 'Deprecated in-tree Azure File share (redirected to the CSI driver).'),
  configMap: obj('ConfigMapVolumeSource', 'Files from a ConfigMap.'),
  vsphereVolume: obj(undefined, 'Deprecated in-tree vSphere disk (redirected to the CSI driver).'),
  quobyte: obj(undefined, 'Deprecated in-tree Quobyte mount, no longer supported.'),
  azureDisk: obj(undefined, 'Deprecated in-tree Azure data disk (redirected to the CSI driver).'),
  photonPersistentDisk: obj(undefined, 'Deprecated Photon Controller disk, no longer supported.'),
  projected: obj(undefined, 'Several sources (secrets, configMaps, downward API, service account tokens) in one directory.'),
  portworxVolume: obj(undefined, 'Deprecated in-tree Portworx volume (redirected to the CSI driver).'),
  scaleIO: obj(undefined, 'Deprecated in-tree ScaleIO volume, no longer supported.'),
  storageos: obj(undefined, 'Deprecated in-tree StorageOS volume, no longer supported.'),
  csi: obj(undefined, 'An inline ephemeral volume served by a CSI driver.'),
  ephemeral: obj(undefined, 'A generic ephemeral volume: a PVC created and deleted with the pod.'),
  image: obj(undefined, 'An OCI image or artifact mounted read-only as a volume.'),
});

const EXEC_ACTION = apiType({
  command: strings('Command run in the container (not in a shell); exit status 0 means healthy.'),
});

const HTTP_GET_ACTION = apiType({
  path: str('HTTP path to request.'),
  port: intOrString('Container port number or name to connect to.'),
  host: str('Host to connect to; defaults to the pod IP.', SECURITY),
  scheme: oneOf(URI_SCHEMES, 'HTTP (default) or HTTPS.'),
  httpHeaders: list(undefined, 'Extra request headers (name/value pairs).'),
  protocol: str('Wire protocol of the probe connection (HTTP1 by default, or HTTP2).'),
});

const TCP_SOCKET_ACTION = apiType({
  port: intOrString('Container port number or name to open a connection to.'),
  host: str('Host to connect to; defaults to the pod IP.', SECURITY),
});

const GRPC_ACTION = apiType({
  port: int('Port of the gRPC health service.'),
  service: str('Service name put in the gRPC HealthCheckRequest.'),
  mode: str('Connection mode of the probe: Plaintext or TLS (without certificate verification).'),
});

const SLEEP_ACTION = apiType({
  seconds: int('Number of seconds to sleep.'),
});

const PROBE = apiType({
  exec: obj('ExecAction', 'Runs a command in the container.'),
  httpGet: obj('HTTPGetAction', 'Performs an HTTP GET request.'),
  tcpSocket: obj('TCPSocketAction', 'Opens a TCP connection.'),
  grpc: obj('GRPCAction', 'Calls the gRPC health checking service.'),
  initialDelaySeconds: int('Seconds after container start before the first probe.'),
  timeoutSeconds: int('Seconds after which a probe times out. Defaults to 1.'),
  periodSeconds: int('Seconds between probes. Defaults to 10.'),
  successThreshold: int('Consecutive successes needed after a failure. Defaults to 1 (must be 1 for liveness and startup).'),
  failureThreshold: int('Consecutive failures before the probe counts as failed. Defaults to 3.'),
  terminationGracePeriodSeconds: int('Grace period used when this probe fails and the container is killed; overrides the pod value.'),
});

const LIFECYCLE_HANDLER = apiType({
  exec: obj('ExecAction', 'Runs a command in the container.'),
  httpGet: obj('HTTPGetAction', 'Performs an HTTP GET request.'),
  tcpSocket: obj('TCPSocketAction', 'Deprecated and not supported as a lifecycle handler; kept for compatibility.'),
  sleep: obj('SleepAction', 'Sleeps for a number of seconds.'),
});

const LIFECYCLE = apiType({
  postStart: obj('LifecycleHandler', 'Runs right after the container is created; if it fails the container is restarted.'),
  preStop: obj('LifecycleHandler', 'Runs right before the container is terminated; counts against the grace period.'),
  stopSignal: str('Signal sent to stop the container (e.g. SIGTERM); defaults to the image STOPSIGNAL or the runtime default.'),
});

const ENV_VAR = apiType({
  name: str('Name of the environment variable.'),
  value: str('Literal value; $(VAR) references to earlier variables are expanded.', SECURITY),
  valueFrom: obj(undefined, 'Takes the value from a Secret, ConfigMap, field or resource instead of a literal.'),
});

const RESOURCE_REQUIREMENTS = apiType({
  limits: stringMap('Maximum resources (cpu, memory, ...) the container may use.', SECURITY),
  requests: stringMap('Resources reserved for scheduling; defaults to the limits.'),
  claims: list(undefined, 'Names of pod resourceClaims this container uses.'),
});

const LOCAL_OBJECT_REFERENCE = apiType({
  name: str('Name of the referenced object in the same namespace.'),
});

/** Fields shared by Container and EphemeralContainer (EphemeralContainerCommon mirrors Container). */
const CONTAINER_FIELDS: Record<string, Spec> = {
  name: str('Name of the container (DNS label), unique within the pod.'),
  image: str('Container image reference; pin it by digest (@sha256:...) for reproducible, tamper-evident deployments.', SECURITY),
  command: strings('Entrypoint (not run in a shell); replaces the image ENTRYPOINT.'),
  args: strings('Arguments of the entrypoint; replace the image CMD.'),
  workingDir: str('Working directory; defaults to the image working directory.'),
  ports: list('ContainerPort', 'Ports the container exposes (informational: unlisted ports are reachable too).'),
  envFrom: list(undefined, 'Sources (ConfigMaps, Secrets) whose keys become environment variables.'),
  env: list('EnvVar', 'Environment variables of the container.'),
  resources: obj('ResourceRequirements', 'CPU, memory and other resource requests and limits.'),
  resizePolicy: list(undefined, 'Whether resizing each resource in place restarts the container.'),
  restartPolicy: oneOf(['Always', 'Never', 'OnFailure'], 'Container-level restart behaviour; `Always` on an init container makes it a sidecar.'),
  restartPolicyRules: list(undefined, 'Rules on exit codes deciding whether the container restarts, evaluated in order.'),
  volumeMounts: list('VolumeMount', 'Pod volumes mounted into the container.', SECURITY),
  volumeDevices: list(undefined, 'Raw block devices from PVCs exposed to the container.'),
  livenessProbe: obj('Probe', 'Restarts the container when it fails.'),
  readinessProbe: obj('Probe', 'Removes the pod from Service endpoints while it fails.'),
  startupProbe: obj('Probe', 'Holds the other probes back until the application has started.'),
  lifecycle: obj('Lifecycle', 'Hooks run after start and before stop.'),
  terminationMessagePath: str('File whose content becomes the termination message. Defaults to /dev/termination-log.'),
  terminationMessagePolicy: oneOf(TERMINATION_MESSAGE_POLICIES, 'Where the termination message comes from: File (default) or FallbackToLogsOnError.'),
  imagePullPolicy: oneOf(PULL_POLICIES, 'When to pull the image; defaults to Always for :latest or no tag, IfNotPresent otherwise.', SECURITY),
  securityContext: obj('SecurityContext', 'Security settings of this container; they override the pod-level securityContext.', SECURITY),
  stdin: bool('Allocates a stdin buffer for the container.'),
  stdinOnce: bool('Closes stdin after the first attach session ends.'),
  tty: bool('Allocates a TTY (needs stdin: true).'),
};

const CONTAINER = apiType(CONTAINER_FIELDS);

const EPHEMERAL_CONTAINER = apiType({
  ...CONTAINER_FIELDS,
  targetContainerName: str('Container whose namespaces (PID, IPC, ...) this debug container joins; with a shared target it can see its processes.', SECURITY),
});

const POD_SPEC = apiType({
  volumes: list('Volume', 'Volumes the containers can mount.', SECURITY),
  initContainers: list('Container', 'Containers run in order to completion before the app containers start (or as sidecars with restartPolicy: Always).', SECURITY),
  containers: list('Container', 'The application containers; at least one.', SECURITY),
  ephemeralContainers: list('EphemeralContainer', 'Debug containers added to a running pod through the ephemeralcontainers subresource.', SECURITY),
  restartPolicy: oneOf(RESTART_POLICIES, 'Restart policy of the containers: Always (default), OnFailure or Never.'),
  terminationGracePeriodSeconds: int('Seconds between SIGTERM and SIGKILL on shutdown. Defaults to 30.'),
  activeDeadlineSeconds: int('Seconds the pod may be active before the kubelet fails it.'),
  dnsPolicy: oneOf(DNS_POLICIES, 'DNS configuration of the pod. Defaults to ClusterFirst.'),
  nodeSelector: stringMap('Node labels the node must have for the pod to be scheduled there.'),
  serviceAccountName: str('ServiceAccount the pod runs as (its API identity).', SECURITY),
  serviceAccount: str('Deprecated alias of serviceAccountName.', SECURITY),
  automountServiceAccountToken: bool('Whether the service account token is mounted into the containers; set false unless the pod calls the API server.', SECURITY),
  nodeName: str('Binds the pod to this node directly, bypassing the scheduler.'),
  hostNetwork: bool("Uses the node's network namespace: the pod sees host interfaces and can bind host ports.", SECURITY),
  hostPID: bool("Uses the node's PID namespace: the pod sees and may signal host processes.", SECURITY),
  hostIPC: bool("Uses the node's IPC namespace: shared memory with host processes.", SECURITY),
  shareProcessNamespace: bool('All containers share one PID namespace and can see and signal each other.', SECURITY),
  securityContext: obj('PodSecurityContext', 'Pod-level security settings; containers inherit the shared fields unless they set their own.', SECURITY),
  imagePullSecrets: list('LocalObjectReference', 'Secrets with registry credentials used to pull the images.'),
  hostname: str('Hostname of the pod; defaults to a system-defined value.'),
  subdomain: str('Subdomain giving the pod a fully qualified name under a headless Service.'),
  affinity: obj(undefined, 'Node and pod (anti-)affinity scheduling constraints.'),
  schedulerName: str('Scheduler that places the pod; defaults to the default scheduler.'),
  tolerations: list(undefined, 'Taints the pod tolerates (e.g. to run on control-plane nodes).', SECURITY),
  hostAliases: list(undefined, 'Extra entries written to the pod /etc/hosts.'),
  priorityClassName: str('PriorityClass of the pod (system-node-critical and system-cluster-critical are the highest).'),
  priority: int('Priority value, normally filled in from priorityClassName by admission.'),
  dnsConfig: obj(undefined, 'DNS parameters merged into the configuration chosen by dnsPolicy.'),
  readinessGates: list(undefined, 'Extra pod conditions that must be True for the pod to be ready.'),
  runtimeClassName: str('RuntimeClass (container runtime handler) to run the pod with, e.g. a sandboxed runtime such as gVisor or Kata.', SECURITY),
  enableServiceLinks: bool('Whether Service information is injected as environment variables. Defaults to true.'),
  preemptionPolicy: oneOf(PREEMPTION_POLICIES, 'Whether the pod may preempt lower-priority pods. Defaults to PreemptLowerPriority.'),
  overhead: stringMap('Resource overhead of the RuntimeClass, normally set by admission.'),
  topologySpreadConstraints: list(undefined, 'How pods spread across topology domains (zones, nodes).'),
  setHostnameAsFQDN: bool("Sets the pod's hostname to its fully qualified domain name."),
  os: obj('PodOS', 'Operating system of the pod; restricts which security fields are allowed.', SECURITY),
  hostUsers: bool("Whether the pod uses the host user namespace. false gives the pod its own user namespace, so root in it is unprivileged on the node.", SECURITY),
  schedulingGates: list(undefined, 'Gates that keep the pod from being scheduled until removed.'),
  resourceClaims: list(undefined, 'Dynamic resource claims (devices) the pod needs.'),
  resources: obj('ResourceRequirements', 'Total CPU and memory for all containers of the pod (pod-level resources).'),
  hostnameOverride: str("Explicit hostname seen inside the pod; does not change DNS records."),
  schedulingGroup: obj(undefined, 'Scheduling group (workload) the pod belongs to for group scheduling.'),
  evictionResponders: list(undefined, 'Responders that react to eviction requests for the pod before it is terminated.'),
});

const POD_TEMPLATE_SPEC = apiType({
  metadata: obj('ObjectMeta', 'Metadata of the pods created from this template (labels, annotations such as the legacy AppArmor ones).', SECURITY),
  spec: obj('PodSpec', 'Specification of the pods created from this template.', SECURITY),
});

const DEPLOYMENT_SPEC = apiType({
  replicas: int('Desired number of pods. Defaults to 1.'),
  selector: obj(undefined, 'Label selector of the pods it manages; must match the template labels.'),
  template: obj('PodTemplateSpec', 'Template of the pods it creates.', SECURITY),
  strategy: obj(undefined, 'How pods are replaced on update: RollingUpdate (default) or Recreate.'),
  minReadySeconds: int('Seconds a new pod must be ready before it counts as available.'),
  revisionHistoryLimit: int('Number of old ReplicaSets kept for rollback. Defaults to 10.'),
  paused: bool('Pauses rollouts.'),
  progressDeadlineSeconds: int('Seconds before a stalled rollout is reported as failed. Defaults to 600.'),
});

const STATEFUL_SET_SPEC = apiType({
  replicas: int('Desired number of pods. Defaults to 1.'),
  selector: obj(undefined, 'Label selector of the pods it manages; must match the template labels.'),
  template: obj('PodTemplateSpec', 'Template of the pods it creates.', SECURITY),
  volumeClaimTemplates: list(undefined, 'PersistentVolumeClaims created for each pod.'),
  serviceName: str('Headless Service that gives the pods their network identity.'),
  podManagementPolicy: oneOf(['OrderedReady', 'Parallel'], 'Whether pods are created and deleted one by one (OrderedReady, default) or in parallel.'),
  updateStrategy: obj(undefined, 'How pods are replaced on update: RollingUpdate (default) or OnDelete.'),
  revisionHistoryLimit: int('Number of old revisions kept. Defaults to 10.'),
  minReadySeconds: int('Seconds a new pod must be ready before it counts as available.'),
  persistentVolumeClaimRetentionPolicy: obj(undefined, 'Whether claims are kept or deleted when the set is deleted or scaled down.'),
  ordinals: obj(undefined, 'Numbering of the replica indexes (start ordinal).'),
});

const DAEMON_SET_SPEC = apiType({
  selector: obj(undefined, 'Label selector of the pods it manages; must match the template labels.'),
  template: obj('PodTemplateSpec', 'Template of the pod run on every eligible node.', SECURITY),
  updateStrategy: obj(undefined, 'How pods are replaced on update: RollingUpdate (default) or OnDelete.'),
  minReadySeconds: int('Seconds a new pod must be ready before it counts as available.'),
  revisionHistoryLimit: int('Number of old revisions kept. Defaults to 10.'),
});

const REPLICA_SET_SPEC = apiType({
  replicas: int('Desired number of pods. Defaults to 1.'),
  minReadySeconds: int('Seconds a new pod must be ready before it counts as available.'),
  selector: obj(undefined, 'Label selector of the pods it manages; must match the template labels.'),
  template: obj('PodTemplateSpec', 'Template of the pods it creates.', SECURITY),
});

const REPLICATION_CONTROLLER_SPEC = apiType({
  replicas: int('Desired number of pods. Defaults to 1.'),
  minReadySeconds: int('Seconds a new pod must be ready before it counts as available.'),
  selector: stringMap('Labels of the pods it manages; defaults to the template labels.'),
  template: obj('PodTemplateSpec', 'Template of the pods it creates.', SECURITY),
});

const JOB_SPEC = apiType({
  parallelism: int('Maximum number of pods running at the same time.'),
  completions: int('Number of successful pods needed to finish the job.'),
  activeDeadlineSeconds: int('Seconds the job may run before it is terminated.'),
  podFailurePolicy: obj(undefined, 'Rules on pod failures (exit codes, conditions) that fail the job or ignore the failure.'),
  successPolicy: obj(undefined, 'When an indexed job counts as succeeded.'),
  backoffLimit: int('Retries before the job is marked failed. Defaults to 6.'),
  backoffLimitPerIndex: int('Retries per index of an indexed job.'),
  maxFailedIndexes: int('Failed indexes tolerated before the job fails (with backoffLimitPerIndex).'),
  selector: obj(undefined, 'Label selector of the pods; normally generated.'),
  manualSelector: bool('Lets you set the selector yourself instead of the generated one.'),
  template: obj('PodTemplateSpec', 'Template of the pods the job runs.', SECURITY),
  ttlSecondsAfterFinished: int('Seconds after completion before the finished job is deleted.'),
  completionMode: oneOf(['NonIndexed', 'Indexed'], 'How completions are tracked: NonIndexed (default) or Indexed.'),
  suspend: bool('Suspends the job: no pods are created while true.'),
  podReplacementPolicy: oneOf(['TerminatingOrFailed', 'Failed'], 'When replacement pods are created.'),
  managedBy: str('Controller that reconciles the job instead of the built-in one.'),
  scheduling: obj(undefined, 'Workload-aware scheduling configuration of the job.'),
});

const JOB_TEMPLATE_SPEC = apiType({
  metadata: obj('ObjectMeta', 'Metadata of the jobs created from this template.'),
  spec: obj('JobSpec', 'Specification of the jobs created from this template.', SECURITY),
});

const CRON_JOB_SPEC = apiType({
  schedule: str('Schedule in cron format.'),
  timeZone: str('Time zone of the schedule (tz database name).'),
  startingDeadlineSeconds: int('Seconds after a missed schedule within which the job may still start.'),
  concurrencyPolicy: oneOf(['Allow', 'Forbid', 'Replace'], 'What to do when the previous run is still active. Defaults to Allow.'),
  suspend: bool('Suspends future runs.'),
  jobTemplate: obj('JobTemplateSpec', 'Template of the jobs it creates.', SECURITY),
  successfulJobsHistoryLimit: int('Successful jobs kept. Defaults to 3.'),
  failedJobsHistoryLimit: int('Failed jobs kept. Defaults to 1.'),
});

/** Top-level objects: apiVersion, kind, metadata and the field holding the desired state. */
function objectType(specField: string, ref: string, description: string): ApiType {
  return apiType({
    apiVersion: str('API group and version of the object, e.g. apps/v1.'),
    kind: str('Kind of the object.'),
    metadata: obj('ObjectMeta', 'Name, namespace, labels and annotations of the object.'),
    [specField]: obj(ref, description, SECURITY),
    status: obj(undefined, 'Observed state, written by the system (ignored on create).'),
  });
}

export const API_TYPES: Readonly<Record<string, ApiType>> = {
  ObjectMeta: OBJECT_META,
  SecurityContext: SECURITY_CONTEXT,
  PodSecurityContext: POD_SECURITY_CONTEXT,
  Capabilities: CAPABILITIES,
  SeccompProfile: SECCOMP_PROFILE,
  AppArmorProfile: APPARMOR_PROFILE,
  SELinuxOptions: SELINUX_OPTIONS,
  WindowsSecurityContextOptions: WINDOWS_OPTIONS,
  Sysctl: SYSCTL,
  PodOS: POD_OS,
  ContainerPort: CONTAINER_PORT,
  VolumeMount: VOLUME_MOUNT,
  Volume: VOLUME,
  HostPathVolumeSource: HOST_PATH_VOLUME,
  EmptyDirVolumeSource: EMPTY_DIR_VOLUME,
  SecretVolumeSource: SECRET_VOLUME,
  ConfigMapVolumeSource: CONFIG_MAP_VOLUME,
  KeyToPath: KEY_TO_PATH,
  Probe: PROBE,
  ExecAction: EXEC_ACTION,
  HTTPGetAction: HTTP_GET_ACTION,
  TCPSocketAction: TCP_SOCKET_ACTION,
  GRPCAction: GRPC_ACTION,
  SleepAction: SLEEP_ACTION,
  Lifecycle: LIFECYCLE,
  LifecycleHandler: LIFECYCLE_HANDLER,
  EnvVar: ENV_VAR,
  ResourceRequirements: RESOURCE_REQUIREMENTS,
  LocalObjectReference: LOCAL_OBJECT_REFERENCE,
  Container: CONTAINER,
  EphemeralContainer: EPHEMERAL_CONTAINER,
  PodSpec: POD_SPEC,
  PodTemplateSpec: POD_TEMPLATE_SPEC,
  DeploymentSpec: DEPLOYMENT_SPEC,
  StatefulSetSpec: STATEFUL_SET_SPEC,
  DaemonSetSpec: DAEMON_SET_SPEC,
  ReplicaSetSpec: REPLICA_SET_SPEC,
  ReplicationControllerSpec: REPLICATION_CONTROLLER_SPEC,
  JobSpec: JOB_SPEC,
  JobTemplateSpec: JOB_TEMPLATE_SPEC,
  CronJobSpec: CRON_JOB_SPEC,
  Pod: objectType('spec', 'PodSpec', 'Desired state of the pod.'),
  PodTemplate: objectType('template', 'PodTemplateSpec', 'The pod template.'),
  Deployment: objectType('spec', 'DeploymentSpec', 'Desired state of the Deployment.'),
  StatefulSet: objectType('spec', 'StatefulSetSpec', 'Desired state of the StatefulSet.'),
  DaemonSet: objectType('spec', 'DaemonSetSpec', 'Desired state of the DaemonSet.'),
  ReplicaSet: objectType('spec', 'ReplicaSetSpec', 'Desired state of the ReplicaSet.'),
  ReplicationController: objectType('spec', 'ReplicationControllerSpec', 'Desired state of the ReplicationController.'),
  Job: objectType('spec', 'JobSpec', 'Desired state of the Job.'),
  CronJob: objectType('spec', 'CronJobSpec', 'Desired state of the CronJob.'),
};

/** Kinds whose root mapping has a table here (the workload kinds of POD_SPEC_PATHS). */
export function rootTypeOf(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) && API_TYPES[kind] ? kind : undefined;
}

export function fieldsOf(typeName: string): ApiType | undefined {
  return Object.prototype.hasOwnProperty.call(API_TYPES, typeName) ? API_TYPES[typeName] : undefined;
}

/** The field `name` of `typeName`, if both are known. */
export function fieldOf(typeName: string | undefined, name: string): FieldSpec | undefined {
  if (typeName === undefined) return undefined;
  const fields = fieldsOf(typeName);
  return fields && Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
}

/** Tells typeAtPath the kind of item i of a `kind: List` (the caller has the document; we only have the path). */
export type ListItemKind = (index: number) => string | undefined;

/**
 * The API type of the mapping at `path` (keys and sequence indexes from the object root) for an object of `kind`,
 * e.g. kind 'Deployment', ['spec','template','spec','containers',0,'securityContext'] -> 'SecurityContext'.
 * For `kind: List` (and *List kinds) pass `itemKind` to resolve paths under items[i].
 */
export function typeAtPath(kind: string, path: readonly (string | number)[], itemKind?: ListItemKind): string | undefined {
  if (kind === 'List' || kind.endsWith('List')) {
    if (path.length < 2 || path[0] !== 'items' || typeof path[1] !== 'number') return undefined;
    const inner = itemKind?.(path[1]);
    return inner === undefined ? undefined : typeAtPath(inner, path.slice(2), itemKind);
  }
  // The pod spec location is defined once, in model.ts: resolve the rest of the path from PodSpec.
  const podSpecPath = POD_SPEC_PATHS[kind];
  if (podSpecPath && startsWith(path, podSpecPath)) return walk('PodSpec', path.slice(podSpecPath.length));
  const root = rootTypeOf(kind);
  if (root) return walk(root, path);
  // Custom resources with a pod template where Deployments and CronJobs keep theirs (Argo Rollouts, Knative, …).
  const generic = GENERIC_POD_SPEC_PATHS.find((prefix) => startsWith(path, prefix));
  return generic ? walk('PodSpec', path.slice(generic.length)) : undefined;
}

/** The field spec of the key at the end of `path` (e.g. [..., 'securityContext', 'runAsUser']), for hover and type checks. */
export function fieldAtPath(kind: string, path: readonly (string | number)[], itemKind?: ListItemKind): FieldSpec | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  return fieldOf(typeAtPath(kind, path.slice(0, -1), itemKind), last);
}

function startsWith(path: readonly (string | number)[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function walk(start: string, path: readonly (string | number)[]): string | undefined {
  let type: string | undefined = start;
  let i = 0;
  while (i < path.length) {
    const key = path[i];
    if (typeof key !== 'string') return undefined;
    const field = fieldOf(type, key);
    if (!field?.ref) return undefined;
    if (field.kind === 'array') {
      // An array of objects is only a mapping once indexed.
      if (typeof path[i + 1] !== 'number') return undefined;
      i += 2;
    } else {
      i += 1;
    }
    type = field.ref;
  }
  return type;
}
