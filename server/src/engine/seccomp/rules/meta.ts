// Rules reported by the seccomp analyzer itself (parse and schema stages), not by a check function.
import type { RuleMeta } from '../../rule';
import { FORMAT_SOURCES } from '../rule';

export const seccompJsonSyntax: RuleMeta = {
  id: 'seccomp-json-syntax',
  title: 'The seccomp profile is not valid JSON',
  description: 'Reports the first JSON syntax error of a seccomp profile (a JSON object with `defaultAction`), at its exact place. Comments and trailing commas are errors too: the Go and C JSON decoders of Docker, containerd, runc and crun reject them.',
  rationale: 'A profile that does not parse is rejected when the container starts: the pod stays in CreateContainerError (or, with some tools, runs without the intended filter).',
  remediation: 'Fix the JSON at the reported place; validate with `workload-guard scan profile.json` before shipping it to the nodes.',
  defaultSeverity: 'error',
  category: 'seccomp',
  fileKind: 'seccomp',
  fix: 'none',
  references: [{ title: 'RFC 8259: JSON', url: 'https://www.rfc-editor.org/rfc/rfc8259' }],
};

export const seccompSchema: RuleMeta = {
  id: 'seccomp-schema',
  title: 'Seccomp profile fields must have the right names and types',
  description:
    'Validates the profile against the OCI runtime-spec schema extended with the Docker (`archMap`, `name`, `comment`, `includes`, `excludes`) and containers/common (`defaultErrno`, `errno`) fields: required `defaultAction` and `action`, integer `errnoRet`/`index`/`value`, at least one name per rule. Unknown keys are reported as warnings with the closest known key, because runtimes ignore them silently.',
  rationale: 'A misspelled key such as `defaultaction` or `errnRet` is dropped by Go\'s JSON decoder without a word: the setting you wrote does not exist for the runtime. Wrong types make the runtime refuse the profile.',
  remediation: 'Use the field names of the runtime-spec (`defaultAction`, `architectures`, `syscalls[].names`, `action`, `errnoRet`, `args[].index/value/valueTwo/op`).',
  defaultSeverity: 'error',
  category: 'seccomp',
  fileKind: 'seccomp',
  fix: 'safe',
  references: FORMAT_SOURCES,
};
