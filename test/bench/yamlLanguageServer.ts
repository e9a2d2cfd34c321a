/**
 * yaml-language-server (the server of Red Hat's YAML extension) set up as its users run it on Kubernetes files,
 * offline: a local Kubernetes schema mapped to the bench files, SchemaStore and the CRD store off, and every schema
 * request answered from local files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nowMs, type LspSession, type ServerLaunch, type SessionOptions } from './lspSession';
import { SCHEMA_PROBE_DOCUMENT } from './generate';

export function yamlLanguageServerLaunch(root: string): ServerLaunch {
  return { label: 'yaml-language-server', command: process.execPath, args: [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'] };
}

export function yamlLanguageServerVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Settings for `yaml.*` (and the other sections it pulls), mapping `schemaPath` to every .yaml file. */
export function yamlLanguageServerOptions(schemaPath: string): SessionOptions {
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [pathToFileURL(schemaPath).toString()]: ['*.yaml'] },
    schemaStore: { enable: false, url: '' },
    kubernetesCRDStore: { enable: false, url: '' },
    maxItemsComputed: 5000,
  };
  return {
    configuration: (section) => (section === 'yaml' ? yaml : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
    onRequest: (method, params) => {
      // custom/schema/content: the client is asked for a schema's text; serve file: URIs, refuse anything remote.
      if (method === 'custom/schema/content') {
        const uri = String(Array.isArray(params) ? params[0] : params);
        if (!uri.startsWith('file:')) throw new Error(`offline bench: no schema at ${uri}`);
        return readFileSync(fileURLToPath(uri), 'utf8');
      }
      return null;
    },
  };
}

export interface SchemaCheck {
  ok: boolean;
  detail: string;
}

/**
 * Opens a Deployment with `replicas: three` and requires a type error for that line: without it the server is not
 * validating against the schema and its timings would flatter it.
 */
export async function checkSchemaValidation(session: LspSession, dir: string): Promise<SchemaCheck> {
  const uri = pathToFileURL(join(dir, 'schema-probe.yaml')).toString();
  const start = nowMs();
  await session.open(uri, SCHEMA_PROBE_DOCUMENT);
  const published = await session.diagnostics(uri, start, 1);
  const replicasLine = SCHEMA_PROBE_DOCUMENT.split('\n').findIndex((line) => line.includes('replicas:'));
  const hit = published.diagnostics.find((diagnostic) => diagnostic.range.start.line === replicasLine);
  await session.closeDocument(uri);
  return hit
    ? { ok: true, detail: `reported on line ${replicasLine + 1} (replicas: three): "${hit.message.replace(/\s+/g, ' ')}"` }
    : { ok: false, detail: `no diagnostic on line ${replicasLine + 1}; got ${JSON.stringify(published.diagnostics.map((d) => d.message))}` };
}
