import type { KubernetesRule } from '../../../rule';
import duplicateKey from './duplicate-key';
import misplacedContainerField from './misplaced-container-field';
import nonCanonicalBoolean from './non-canonical-boolean';
import octalUidGid from './octal-uid-gid';
import unknownField from './unknown-field';
import wrongType from './wrong-type';

export const YAML_RULES: readonly KubernetesRule[] = [misplacedContainerField, unknownField, duplicateKey, nonCanonicalBoolean, wrongType, octalUidGid];
