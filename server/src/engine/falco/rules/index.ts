import type { FalcoRule } from '../context';
import conditionSyntax from './falco-condition-syntax';
import deprecatedField from './falco-deprecated-field';
import exceptions from './falco-exceptions';
import override from './falco-override';
import duplicateKey from './falco-duplicate-key';
import boolean from './falco-boolean';
import engineVersion from './falco-engine-version';
import outputField from './falco-output-field';
import precedence from './falco-precedence';
import priority from './falco-priority';
import structure from './falco-structure';
import undefinedReference from './falco-undefined-reference';
import unknownEventType from './falco-unknown-event-type';
import unknownField from './falco-unknown-field';
import unknownKey from './falco-unknown-key';
import unusedDefinition from './falco-unused-definition';
import valueType from './falco-value-type';

export const FALCO_RULES: readonly FalcoRule[] = [
  structure,
  unknownKey,
  duplicateKey,
  boolean,
  override,
  priority,
  conditionSyntax,
  unknownField,
  deprecatedField,
  unknownEventType,
  valueType,
  exceptions,
  undefinedReference,
  outputField,
  unusedDefinition,
  engineVersion,
  precedence,
];
