/**
 * The subset of the Kubernetes API (k8s.io/api core/v1 types.go) that security analysis, completion and hover
 * need: field names exactly as in the JSON tags, their value kinds, enums and short descriptions.
 * OWNER NOTE: tables are filled from upstream types.go; keep names/enums exact — do not invent fields.
 */
export type FieldKind = 'boolean' | 'integer' | 'string' | 'object' | 'array' | 'stringMap';

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

export const API_TYPES: Readonly<Record<string, ApiType>> = {};

export function fieldsOf(typeName: string): ApiType | undefined {
  return API_TYPES[typeName];
}

/**
 * The API type of the mapping at `path` (keys and sequence indexes from the object root) for an object of `kind`,
 * e.g. kind 'Deployment', ['spec','template','spec','containers',0,'securityContext'] -> 'SecurityContext'.
 */
export function typeAtPath(_kind: string, _path: readonly (string | number)[]): string | undefined {
  return undefined;
}
