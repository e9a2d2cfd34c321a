import type { RuleMeta } from '../rule';

export const templateNotRendered: RuleMeta = {
  id: 'template-not-rendered',
  title: 'Go/Helm template: only literal values are checked',
  description:
    'The file contains `{{ ... }}` template actions. Workload Guard blanks them out and checks the literal YAML around them; values produced by the template are treated as unknown, and findings about *missing* fields are not reported for templated pod specs.',
  rationale: 'A template can inject any securityContext at render time, so judging the unrendered text would produce false alarms, while silently skipping it would hide real problems in the literal parts.',
  remediation: 'For a complete analysis, check the rendered output: `helm template my-release ./chart | npx workload-guard scan -` or scan the output of `helm template --output-dir`.',
  defaultSeverity: 'information',
  category: 'yaml',
  fileKind: 'kubernetes',
  fix: 'none',
  references: [{ title: 'helm template', url: 'https://helm.sh/docs/helm/helm_template/' }],
};
