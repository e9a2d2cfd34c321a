import type { RuleMeta } from '../rule';
import { configInvalid } from './config-invalid';
import { fileTooLarge } from './file-too-large';
import { templateNotRendered } from './template-not-rendered';
import { yamlSyntaxError } from './yaml-syntax-error';

/** Rules the engine reports itself (parsing, templating, configuration), not tied to one analyzer's model. */
export const CORE_RULES: readonly RuleMeta[] = [yamlSyntaxError, templateNotRendered, configInvalid, fileTooLarge];
export { configInvalid, fileTooLarge, templateNotRendered, yamlSyntaxError };
