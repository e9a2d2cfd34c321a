import type { SeccompRule } from '../rule';
import allowsBlocked from './seccomp-allows-blocked-syscall';
import argConditions from './seccomp-arg-conditions';
import denylist from './seccomp-denylist';
import duplicateSyscall from './seccomp-duplicate-syscall';
import errnoWithoutErrnoAction from './seccomp-errno-without-errno-action';
import extensionsIgnored from './seccomp-extensions-ignored';
import invalidValue from './seccomp-invalid-value';
import logDefault from './seccomp-log-default';
import notifyListener from './seccomp-notify-listener';
import redundantRule from './seccomp-redundant-rule';
import syscallArch from './seccomp-syscall-arch';
import unknownSyscall from './seccomp-unknown-syscall';

export const SECCOMP_RULES: readonly SeccompRule[] = [
  invalidValue,
  unknownSyscall,
  syscallArch,
  duplicateSyscall,
  redundantRule,
  errnoWithoutErrnoAction,
  argConditions,
  notifyListener,
  denylist,
  logDefault,
  allowsBlocked,
  extensionsIgnored,
];

export { seccompJsonSyntax, seccompSchema } from './meta';
