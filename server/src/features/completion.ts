import type { LineIndex } from '../engine/text';
import { CAPABILITY_NAMES } from '../engine/kubernetes/capabilities';
import { fieldOf, fieldsOf, typeAtPath, type FieldSpec } from '../engine/kubernetes/schema';
import { cursorContext } from './yamlPath';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  detail?: string;
  documentation?: string;
  /** Plain text inserted at the typed word; may span lines (indented relative to the key). */
  insertText: string;
  /** Offset where the replaced word starts (the typed prefix). */
  replaceStart: number;
  preselect?: boolean;
}

/** Object values that have one obvious secure body. */
const SNIPPETS: Record<string, string> = {
  seccompProfile: 'seccompProfile:\n  type: RuntimeDefault',
  appArmorProfile: 'appArmorProfile:\n  type: RuntimeDefault',
  capabilities: 'capabilities:\n  drop:\n    - ALL',
};

/** Completion from the text alone: it must work while the document does not parse. */
/** Enum values of the cluster security objects (audit Policy, admission webhooks and policies, RuntimeClass). */
const CLUSTER_VALUES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Policy: { level: ['None', 'Metadata', 'Request', 'RequestResponse'], omitStages: ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] },
  ValidatingWebhookConfiguration: { sideEffects: ['None', 'NoneOnDryRun'], failurePolicy: ['Fail', 'Ignore'], matchPolicy: ['Equivalent', 'Exact'], operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'], scope: ['Namespaced', 'Cluster', '*'], admissionReviewVersions: ['v1', 'v1beta1'] },
  MutatingWebhookConfiguration: { sideEffects: ['None', 'NoneOnDryRun'], failurePolicy: ['Fail', 'Ignore'], matchPolicy: ['Equivalent', 'Exact'], reinvocationPolicy: ['Never', 'IfNeeded'], operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'], scope: ['Namespaced', 'Cluster', '*'], admissionReviewVersions: ['v1', 'v1beta1'] },
  ValidatingAdmissionPolicy: { failurePolicy: ['Fail', 'Ignore'], operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'] },
  ValidatingAdmissionPolicyBinding: { validationActions: ['Deny', 'Warn', 'Audit'] },
  RuntimeClass: { handler: ['runsc', 'kata', 'kata-qemu', 'kata-clh', 'kata-fc', 'runc', 'crun'] },
};

/** `lines`: the text's line index when the caller keeps one (large files: built once per version, not per request). */
export function complete(text: string, offset: number, lines?: LineIndex): CompletionEntry[] {
  const context = cursorContext(text, offset, lines);
  if (!context.kind) return [];
  const replaceStart = offset - context.prefix.length;
  const clusterValues = context.key !== undefined && context.position !== 'key' ? CLUSTER_VALUES[context.kind]?.[context.key] : undefined;
  if (clusterValues) return clusterValues.map((value) => ({ label: value, kind: 'value', insertText: value, replaceStart }));
  if (context.position === 'key') {
    const typeName = typeAtPath(context.kind, context.path);
    const fields = typeName ? fieldsOf(typeName) : undefined;
    if (!fields) return [];
    return Object.values(fields)
      .filter((field) => !context.siblings.has(field.name))
      .map((field) => keyEntry(field, replaceStart));
  }
  if (context.position === 'value' && context.key) {
    const field = fieldOf(typeAtPath(context.kind, context.path), context.key);
    return field ? valueEntries(field, replaceStart) : [];
  }
  if (context.position === 'item' && context.key) {
    const parentPath = context.path.slice(0, -1);
    const sequence = fieldOf(typeAtPath(context.kind, parentPath), context.key);
    const itemFields = sequence?.ref ? fieldsOf(sequence.ref) : undefined;
    // `- ` in a list of objects (containers, volumes...): the item's first key.
    if (itemFields) return Object.values(itemFields).map((field) => keyEntry(field, replaceStart));
    if (typeAtPath(context.kind, parentPath) === 'Capabilities' && (context.key === 'add' || context.key === 'drop')) {
      const names = context.key === 'drop' ? ['ALL', ...CAPABILITY_NAMES] : [...CAPABILITY_NAMES];
      return names.map((name) => ({ label: name, kind: 'value', insertText: name, replaceStart, preselect: name === 'ALL' }));
    }
  }
  return [];
}

function keyEntry(field: FieldSpec, replaceStart: number): CompletionEntry {
  const insertText = SNIPPETS[field.name] ?? (field.kind === 'object' || field.kind === 'array' || field.kind === 'stringMap' ? `${field.name}:\n  ` : `${field.name}: `);
  return {
    label: field.name,
    kind: 'property',
    detail: field.ref ?? field.kind,
    documentation: field.description,
    insertText,
    replaceStart,
    preselect: field.securityRelevant,
  };
}

function valueEntries(field: FieldSpec, replaceStart: number): CompletionEntry[] {
  const values = field.enum ? [...field.enum] : field.kind === 'boolean' ? ['true', 'false'] : [];
  return values.map((value) => ({ label: value === '' ? '""' : value, kind: 'value', detail: field.name, documentation: field.description, insertText: value === '' ? '""' : value, replaceStart }));
}
