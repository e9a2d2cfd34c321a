import { defineKubernetesRule } from '../../../rule';
import { stringItems } from '../../../documents/yaml';
import { removeSeqItem, replaceScalar } from '../../../fixes';
import { isWindowsPod } from '../../model';
import { describeContainer, fix, forEachContainer, reportMissingDrop } from '../helpers';
import { BASELINE_ALLOWED_CAPABILITIES } from './pss-capabilities-baseline';
import { capabilities, pssReferences, seqField, since, suffix } from './common';

const CHECK = suffix('restricted', 'capabilities_restricted');
const DROP_ALL = 'Add ALL to capabilities.drop';

export default defineKubernetesRule({
  meta: {
    id: 'pss-capabilities-restricted',
    title: 'Drop ALL capabilities; add back at most NET_BIND_SERVICE',
    description:
      'Reports containers (including init and ephemeral containers) whose `securityContext.capabilities.drop` does not contain `ALL` — compared exactly, so `all` or `CAP_ALL` do not count — and `capabilities.add` entries other than `NET_BIND_SERVICE`. Mirrors the `capabilities_restricted` check of the Pod Security Standards restricted level (1.22+); from 1.25 Windows pods are exempt. Capabilities outside the runtime default set are reported by [pss-capabilities-baseline](pss-capabilities-baseline.md), so each added capability is reported once.',
    rationale: 'Container runtimes grant a default set of about 14 capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, …) even to non-root processes that gain them via setuid. Dropping ALL removes that attack surface; NET_RAW alone enables ARP/DNS spoofing inside the cluster network.',
    remediation: 'Add `capabilities: {drop: ["ALL"]}` to every container\'s `securityContext`; add back only `NET_BIND_SERVICE` when the process binds a port below 1024.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'safe',
    pss: { level: 'restricted', check: 'capabilities_restricted' },
    peers: {
      kubesec: ['CapDropAll'],
      polaris: ['insecureCapabilities'],
      trivy: ['KSV106', 'KSV003'],
      checkov: ['CKV_K8S_37'],
      differences:
        '`ALL` is compared exactly, as pod-security-admission does (spelling problems are [capability-spelling](capability-spelling.md)\'s). Polaris `insecureCapabilities` also passes a drop list that names its 15 capabilities one by one, which the restricted level does not accept.',
    },
    references: pssReferences('restricted', 'check_capabilities_restricted.go'),
  },
  check(context) {
    if (!since(context, 22)) return;
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      if (since(context, 25) && isWindowsPod(workload)) return;
      const caps = capabilities(container);
      const drop = seqField(caps, 'drop');
      const dropped = stringItems(drop?.seq);
      if (!dropped.some((item) => item.value === 'ALL')) {
        const miscased = dropped.find((item) => item.value.toUpperCase().replace(/^CAP_/, '') === 'ALL');
        if (miscased) {
          context.report({
            node: miscased.node,
            message: `${describeContainer(container)} drops "${miscased.value}", which is not "ALL": Pod Security admission compares ALL case-sensitively, so the pod fails the restricted level (and runtimes differ in how they read other spellings) ${CHECK}.`,
            fixes: [fix('Write ALL', true, replaceScalar(file, miscased.node, 'ALL'))],
          });
        } else {
          reportMissingDrop(context, workload, container, {
            entry: 'ALL',
            fixTitle: DROP_ALL,
            message: (where) =>
              where === 'container'
                ? `${describeContainer(container)} keeps the runtime's default capabilities: set securityContext.capabilities.drop: [ALL] ${CHECK}.`
                : `${describeContainer(container)} does not drop ALL capabilities ${CHECK}.`,
          });
        }
      }
      const add = seqField(caps, 'add');
      for (const item of stringItems(add?.seq)) {
        // Capabilities outside the default set are pss-capabilities-baseline's findings.
        if (item.value === 'NET_BIND_SERVICE' || !BASELINE_ALLOWED_CAPABILITIES.has(item.value) || !add) continue;
        context.report({
          node: item.node,
          message: `${describeContainer(container)} adds ${item.value}; only NET_BIND_SERVICE may be added ${CHECK}.`,
          fixes: [fix(`Remove ${item.value} from capabilities.add (unsafe: check the workload does not need it)`, false, removeSeqItem(file, add.pair, add.seq, item.node))],
        });
      }
    });
  },
});
