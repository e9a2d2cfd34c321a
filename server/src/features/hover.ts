import type { AnalysisResult } from '../engine/analyze';
import { getNode, nodeSpan, sourceOf, type YamlFile } from '../engine/documents/yaml';
import { describeContainer, type Container, type Workload } from '../engine/kubernetes/model';
import { effectiveBool, effectiveInt, effectiveMap, profileType, SHARED_FIELDS, type EffectiveRead } from '../engine/kubernetes/securityContext';
import { fieldOf, typeAtPath } from '../engine/kubernetes/schema';
import { cursorContext } from './yamlPath';

export interface HoverInfo {
  markdown: string;
}

const SECURITY_CONTEXT_TYPES = new Set(['SecurityContext', 'PodSecurityContext']);

/** Hover on a securityContext key: what the field does and the value each container ends up with. */
export function hover(analysis: AnalysisResult, offset: number): HoverInfo | undefined {
  const text = analysis.lines.text;
  const keyEnd = keyEndAt(text, offset);
  if (keyEnd === undefined) return undefined;
  const context = cursorContext(text, keyEnd);
  if (!context.kind || context.position !== 'value' || !context.key) return undefined;
  const typeName = typeAtPath(context.kind, context.path);
  if (!typeName || !SECURITY_CONTEXT_TYPES.has(typeName)) return undefined;
  const field = fieldOf(typeName, context.key);
  if (!field) return undefined;
  const parts = [`**${field.name}** (${typeName}.${field.name})`, '', field.description];
  const file = analysis.yaml;
  const workload = file && analysis.kubernetes?.workloads.find((candidate) => containsOffset(candidate.object.root, offset));
  if (file && workload) {
    const rows = workload.containers.map((container) => `- \`${describeName(container)}\`: ${effectiveText(file, workload, container, field.name)}`);
    if (rows.length) parts.push('', 'Effective value:', ...rows);
  }
  return { markdown: parts.join('\n') };
}

function describeName(container: Container): string {
  return container.name || describeContainer(container);
}

/** Container value wins over the pod's for the shared fields, like the kubelet; otherwise the runtime default. */
function effectiveText(file: YamlFile, workload: Workload, container: Container, field: string): string {
  // Typed reads where the engine has them: they show what the API server makes of `yes`, `0777`, templates.
  if (field === 'runAsNonRoot') return describeRead(file, effectiveBool(file, workload, container, field));
  if (field === 'runAsUser' || field === 'runAsGroup') return describeRead(file, effectiveInt(file, workload, container, field));
  if (field === 'seccompProfile' || field === 'appArmorProfile') {
    const profile = effectiveMap(file, workload, container, field);
    if (profile.source === 'default') {
      return field === 'seccompProfile'
        ? 'not set (default: Unconfined unless the kubelet runs with `--seccomp-default`)'
        : "not set (default: the runtime's profile when AppArmor is enabled on the node)";
    }
    const { type } = profileType(file, profile);
    return `type \`${type ?? '?'}\` (${profile.source})`;
  }
  const own = getNode(container.securityContext, field);
  if (own !== undefined) return `\`${oneLine(sourceOf(file, own))}\` (container)`;
  if ((SHARED_FIELDS as readonly string[]).includes(field)) {
    const pod = getNode(workload.podSecurityContext, field);
    if (pod !== undefined) return `\`${oneLine(sourceOf(file, pod))}\` (pod)`;
  }
  return 'not set (default)';
}

function describeRead<T>(file: YamlFile, effective: EffectiveRead<T>): string {
  const read = effective.read;
  if (effective.source === 'default' || read.state === 'absent') return 'not set (default)';
  if (read.state === 'templated') return `templated (${effective.source})`;
  if (read.state === 'wrongType') return `\`${oneLine(sourceOf(file, read.node))}\` is not a valid ${read.expected} (${effective.source})`;
  const written = sourceOf(file, read.node);
  const note = read.canonical ? '' : `, written as \`${oneLine(written)}\``;
  return `\`${String(read.value)}\` (${effective.source}${note})`;
}

function oneLine(source: string): string {
  const compact = source.replace(/\s*\n\s*/g, ' ').trim();
  return compact.length > 80 ? `${compact.slice(0, 77)}...` : compact;
}

function containsOffset(node: Parameters<typeof nodeSpan>[0], offset: number): boolean {
  const span = nodeSpan(node);
  return span !== undefined && span.start <= offset && offset <= span.end;
}

/** If `offset` is on a `key:` of its line, the offset just after the colon and a space (value position of that key). */
function keyEndAt(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline);
  const match = /^(\s*(?:-\s+)*)([A-Za-z0-9_.-]+)\s*:/.exec(line);
  if (!match) return undefined;
  const keyStart = lineStart + match[1].length;
  const colon = lineStart + match[0].length;
  if (offset < keyStart || offset > colon) return undefined;
  // Position the virtual cursor after "key: " on a copy of the line so the walker sees a value position.
  return colon + (line.charAt(match[0].length) === ' ' ? 1 : 0);
}
