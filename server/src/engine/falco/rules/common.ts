import type { RuleMeta } from '../../rule';

export const FALCO_REFERENCES: NonNullable<RuleMeta['references']> = [
  { title: 'Falco rules: basic elements', url: 'https://falco.org/docs/concepts/rules/basic-elements/' },
  { title: 'Falco rule loader (falcosecurity/falco userspace/engine)', url: 'https://github.com/falcosecurity/falco/tree/master/userspace/engine' },
];

export const CONDITION_REFERENCES: NonNullable<RuleMeta['references']> = [
  { title: 'Falco conditions syntax', url: 'https://falco.org/docs/concepts/rules/conditions/' },
  { title: 'libs filter parser (userspace/libsinsp/filter/parser.cpp)', url: 'https://github.com/falcosecurity/libs/blob/master/userspace/libsinsp/filter/parser.cpp' },
];

export function falcoMeta(meta: Omit<RuleMeta, 'category' | 'fileKind'>): RuleMeta {
  return { ...meta, category: 'falco', fileKind: 'falco' };
}
