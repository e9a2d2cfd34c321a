// The seccomp profile as runtimes read it: OCI runtime-spec fields plus the Docker (moby/profiles) and
// containers/common extensions (format.md §1, §4, §5), each value with its place in the source.
import { arrayItems, child, numberValue, property, stringValue, type Syntax, type TreeNode, type TreeProperty } from './tree';

export interface Located<T> {
  value: T;
  node: TreeNode;
}

export interface ArgCondition {
  node: TreeNode;
  index?: Located<number>;
  op?: Located<string>;
  value?: Located<number>;
  valueTwo?: Located<number>;
}

export interface ProfileRule {
  node: TreeNode;
  position: number;
  /** `names[]` entries plus Docker's legacy single `name`. */
  names: Located<string>[];
  namesProperty?: TreeProperty;
  nameProperty?: TreeProperty;
  action?: Located<string>;
  errnoRet?: Located<number> & { property: TreeProperty };
  /** containers/common errno name. */
  errno?: Located<string> & { property: TreeProperty };
  args: ArgCondition[];
  /** Docker/containers-common includes/excludes: the rule applies only under conditions. */
  hasConditions: boolean;
}

export type ProfileFormat = 'oci' | 'docker' | 'containers-common';

export interface SeccompProfile {
  syntax: Syntax;
  root: TreeNode;
  /** The object holding the profile fields (the root for JSON, `spec` for a SeccompProfile object). */
  body: TreeNode;
  format: ProfileFormat;
  /** Docker / containers-common keys present, which containerd and plain OCI runtimes ignore. */
  extensionKeys: TreeProperty[];
  defaultAction?: Located<string>;
  defaultErrnoRet?: Located<number> & { property: TreeProperty };
  architectures: Located<string>[];
  /** archMap[].architecture and subArchitectures (Docker/containers-common). */
  archMapArches: Located<string>[];
  flags: Located<string>[];
  listenerPath?: Located<string>;
  listenerMetadata?: TreeProperty;
  rules: ProfileRule[];
}

const DOCKER_TOP_KEYS = ['archMap'];
const DOCKER_RULE_KEYS = ['name', 'comment', 'includes', 'excludes'];
const COMMON_KEYS = ['defaultErrno', 'errno'];

function located<T>(node: TreeNode | undefined, read: (node: TreeNode | undefined) => T | undefined): Located<T> | undefined {
  const value = read(node);
  return node && value !== undefined ? { value, node } : undefined;
}

/** A property whose value reads as T, with the whole property kept for fixes that remove it. */
function locatedProperty<T>(entry: TreeProperty | undefined, read: (node: TreeNode | undefined) => T | undefined): (Located<T> & { property: TreeProperty }) | undefined {
  const found = located(entry?.value, read);
  return found && entry ? { ...found, property: entry } : undefined;
}

function strings(node: TreeNode | undefined): Located<string>[] {
  return arrayItems(node).flatMap((item) => (item.kind === 'string' ? [{ value: item.value as string, node: item }] : []));
}

export function readProfile(root: TreeNode, syntax: Syntax, body: TreeNode = root): SeccompProfile {
  const extensionKeys: TreeProperty[] = [];
  let format: ProfileFormat = 'oci';
  for (const entry of body.properties ?? []) {
    if (DOCKER_TOP_KEYS.includes(entry.key)) extensionKeys.push(entry);
    if (COMMON_KEYS.includes(entry.key)) {
      extensionKeys.push(entry);
      format = 'containers-common';
    }
  }
  const rules = arrayItems(child(body, 'syscalls')).map((node, position) => readRule(node, position, extensionKeys));
  if (format === 'oci' && extensionKeys.length > 0) format = 'docker';
  if (extensionKeys.some((entry) => entry.key === 'errno')) format = 'containers-common';
  const listenerPath = located(child(body, 'listenerPath'), stringValue);
  return {
    syntax,
    root,
    body,
    format,
    extensionKeys,
    defaultAction: located(child(body, 'defaultAction'), stringValue),
    defaultErrnoRet: locatedProperty(property(body, 'defaultErrnoRet'), numberValue),
    architectures: strings(child(body, 'architectures')),
    archMapArches: arrayItems(child(body, 'archMap')).flatMap((entry) => {
      const architecture = located(child(entry, 'architecture'), stringValue);
      return [...(architecture ? [architecture] : []), ...strings(child(entry, 'subArchitectures'))];
    }),
    flags: strings(child(body, 'flags')),
    listenerPath,
    listenerMetadata: property(body, 'listenerMetadata'),
    rules,
  };
}

function readRule(node: TreeNode, position: number, extensionKeys: TreeProperty[]): ProfileRule {
  for (const entry of node.properties ?? []) {
    if (DOCKER_RULE_KEYS.includes(entry.key) || COMMON_KEYS.includes(entry.key)) extensionKeys.push(entry);
  }
  const namesProperty = property(node, 'names');
  const nameProperty = property(node, 'name');
  const names = strings(namesProperty?.value);
  const legacy = located(nameProperty?.value, stringValue);
  if (legacy) names.push(legacy);
  const conditionKeys = ['includes', 'excludes'].map((key) => child(node, key)).filter((value) => value?.kind === 'object' && (value.properties ?? []).length > 0);
  return {
    node,
    position,
    names,
    namesProperty,
    nameProperty,
    action: located(child(node, 'action'), stringValue),
    errnoRet: locatedProperty(property(node, 'errnoRet'), numberValue),
    errno: locatedProperty(property(node, 'errno'), stringValue),
    args: arrayItems(child(node, 'args')).map((arg) => ({
      node: arg,
      index: located(child(arg, 'index'), numberValue),
      op: located(child(arg, 'op'), stringValue),
      value: located(child(arg, 'value'), numberValue),
      valueTwo: located(child(arg, 'valueTwo'), numberValue),
    })),
    hasConditions: conditionKeys.length > 0,
  };
}

/** runtime-spec SeccompAction values (format.md §2). */
export const ACTIONS = ['SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY'];
/** Actions that carry an errno (runc `getAction`, crun): errnoRet means something only with these. */
export const ERRNO_ACTIONS = ['SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE'];
/** Actions that let the call run; runc treats these as allow-like (format.md §6). */
export const ALLOW_LIKE_ACTIONS = ['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_TRACE'];
export const OPERATORS = ['SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_MASKED_EQ'];
export const FLAGS = ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV'];

/** The errno a rule returns, comparable with the default's (EPERM = 1 when unset, as runtimes do). */
export function effectiveErrno(action: string | undefined, errnoRet: number | undefined): number | undefined {
  if (!action || !ERRNO_ACTIONS.includes(action)) return undefined;
  return errnoRet ?? 1;
}
