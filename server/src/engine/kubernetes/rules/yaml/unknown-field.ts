import { defineKubernetesRule } from '../../../rule';
import { getPair, type Node } from '../../../documents/yaml';
import { renameKey } from '../../../fixes';
import { didYouMean } from '../../../text';
import { fieldsOf } from '../../schema';
import { fix } from '../helpers';
import { CONTAINER_ONLY_FIELDS, POD_ONLY_FIELDS } from './misplaced-container-field';
import { COMPLETE_TYPES, forEachTypedPair } from './typedTree';

export default defineKubernetesRule({
  meta: {
    id: 'unknown-field',
    title: 'Unknown or misspelled fields',
    description:
      'Reports keys that are not fields of their API type, in the security-related types whose fields Workload Guard knows completely (PodSpec, Container, SecurityContext, PodSecurityContext, Capabilities, SeccompProfile, AppArmorProfile, SELinuxOptions, WindowsSecurityContextOptions, and a few more), with a did-you-mean suggestion. Field names are case-sensitive: `readOnlyRootFileSystem` is not `readOnlyRootFilesystem`.',
    rationale:
      'kubectl\'s strict field validation rejects unknown fields (or warns with `--validate=warn`), while older clients and many deployment tools silently drop them. A misspelled `runAsNonroot: true` or `securityContex:` therefore deploys without the protection it was meant to add.',
    remediation: 'Fix the spelling (the quick fix renames the key to the suggested field) or remove the key.',
    defaultSeverity: 'error',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'safe',
    references: [{ title: 'Kubernetes API: field validation', url: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation' }],
  },
  check(context) {
    forEachTypedPair(context, ({ map, typeName, pair, key, field }) => {
      if (field || !COMPLETE_TYPES.has(typeName)) return;
      // A field of the other security context level is misplaced-container-field's finding.
      if (typeName === 'PodSecurityContext' && CONTAINER_ONLY_FIELDS.includes(key)) return;
      if (typeName === 'SecurityContext' && POD_ONLY_FIELDS.includes(key)) return;
      const candidates = Object.keys(fieldsOf(typeName) ?? {});
      const suggestions = didYouMean(key, candidates);
      const suggestion = suggestions.length === 1 ? suggestions[0] : undefined;
      // Renaming onto a key the mapping already has would create a duplicate.
      const canRename = suggestion !== undefined && getPair(map, suggestion) === undefined;
      context.report({
        node: pair.key as Node,
        message: `Unknown field "${key}" in ${typeName}${suggestions.length ? ` (did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?)` : ''}: strict validation rejects it and other clients silently drop it.`,
        fixes: canRename && suggestion ? [fix(`Rename to ${suggestion}`, true, renameKey(pair, suggestion))] : [],
      });
    });
  },
});
