import type { RuleMeta } from '../rule';

export const yamlSyntaxError: RuleMeta = {
  id: 'yaml-syntax-error',
  title: 'The file is not valid YAML here',
  description:
    'The YAML parser stopped at this place. Everything that still parsed is analyzed, but objects or fields after a syntax error may be missing from the analysis, and `kubectl apply` would reject the file.',
  rationale: 'A manifest that does not parse is not applied at all, or (with some tools) only partly; security settings written after the error are silently lost.',
  remediation: 'Fix the indentation, quoting or bracket at the reported place. Tabs are not allowed for indentation in YAML.',
  defaultSeverity: 'error',
  category: 'yaml',
  fileKind: 'kubernetes',
  fix: 'none',
  references: [{ title: 'YAML 1.1 specification', url: 'https://yaml.org/spec/1.1/' }],
};
