/**
 * One JSON schema for every Kubernetes kind, built offline from the schema objects kubernetes-models ships
 * (`_schemas/*.js` register each definition with @kubernetes-models/validate's ajv instance). The root is a `oneOf`
 * over all top-level kinds, as in the Kubernetes schema yaml-language-server users normally get.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface SchemaModule {
  addSchema(): void;
}
interface RegisteredSchemas {
  schemas: Record<string, { schema: unknown } | undefined>;
}
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `"io.k8s.api.core.v1.Pod#"` (the ids kubernetes-models registers) → a pointer into our `definitions`. */
function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' && !child.startsWith('#') ? `#/definitions/${child.replace(/#$/, '')}` : rewriteRefs(child);
  }
  return out;
}

function isTopLevelKind(schema: Json): boolean {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  const properties = schema.properties as { [key: string]: { enum?: unknown } } | undefined;
  return Array.isArray(properties?.kind?.enum) && Array.isArray(properties?.apiVersion?.enum);
}

export interface BuiltSchema {
  path: string;
  definitions: number;
  kinds: number;
  bytes: number;
}

/** Writes the combined schema to `<dir>/kubernetes.schema.json`. */
export function buildKubernetesSchema(root: string, dir: string): BuiltSchema {
  const modules = join(root, 'node_modules');
  // The package's "exports" hide dist/ajv.js; the absolute path is the same module instance its schemas register with.
  const registry = require(join(modules, '@kubernetes-models', 'validate', 'dist', 'ajv.js')) as { ajv: RegisteredSchemas };
  for (const packageDir of [join(modules, 'kubernetes-models'), join(modules, '@kubernetes-models', 'apimachinery')]) {
    const schemaDir = join(packageDir, '_schemas');
    for (const file of readdirSync(schemaDir).sort()) if (file.endsWith('.js')) (require(join(schemaDir, file)) as SchemaModule).addSchema();
  }
  const definitions: { [id: string]: Json } = {};
  for (const [id, entry] of Object.entries(registry.ajv.schemas)) if (id.startsWith('io.k8s.') && entry) definitions[id] = rewriteRefs(entry.schema as Json);
  const kinds = Object.keys(definitions).filter((id) => isTopLevelKind(definitions[id])).sort();
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Kubernetes (kubernetes-models 3.1.0)', oneOf: kinds.map((id) => ({ $ref: `#/definitions/${id}` })), definitions };
  const text = JSON.stringify(schema);
  const path = join(dir, 'kubernetes.schema.json');
  writeFileSync(path, text);
  return { path, definitions: Object.keys(definitions).length, kinds: kinds.length, bytes: text.length };
}
