import { defineKubernetesRule } from '../../../rule';
import { getMap, getPair, getSeq, stringItems } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { didYouMean } from '../../../text';
import { CAPABILITY_NAMES } from '../../capabilities';
import { isWindowsPod } from '../../model';
import { describeContainer, fix, forEachContainer } from '../helpers';

const KNOWN = new Set([...CAPABILITY_NAMES, 'ALL']);

export default defineKubernetesRule({
  meta: {
    id: 'capability-spelling',
    title: 'Spell capabilities the way container runtimes read them',
    description:
      'Checks each name in `securityContext.capabilities.add` and `drop` against how container runtimes turn it into an OCI capability: a `CAP_` prefix (containerd adds its own, so `CAP_NET_RAW` becomes `CAP_CAP_NET_RAW` and matches nothing there, while CRI-O accepts it), names that are not Linux capabilities (typos, with did-you-mean), and lower- or mixed-case names (runtimes upper-case them, but Pod Security admission and policy engines compare exactly).',
    rationale:
      'The API server accepts any string here. containerd\'s CRI plugin (internal/cri/opts/spec_opts.go, WithCapabilities) builds each OCI name as `"CAP_" + strings.ToUpper(name)` and matches `ALL` case-insensitively, so `drop: [CAP_NET_RAW]` drops nothing and `add: [CAP_SYS_ADMIN]` asks for an unknown capability that runc ignores ("ignoring unknown or unavailable capabilities", libcontainer/capabilities) and crun 1.29+ refuses — while CRI-O (internal/factory/container, SpecSetupCapabilities) keeps an existing `CAP_` prefix and grants it: the same manifest behaves differently per runtime. A typo drops nothing on containerd and stops the container from being created on CRI-O ("unknown capability"). Lower-case names work at runtime but fail exact comparisons: `drop: [all]` does not satisfy the restricted Pod Security level.',
    remediation: 'Write the bare upper-case name as in capabilities(7), without `CAP_`: `drop: ["ALL"]`, `add: ["NET_BIND_SERVICE"]`.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    supersededBy: ['pss-capabilities-restricted'],
    peers: {
      differences:
        'None of the peers models how runtimes read capability names. Checked against containerd\'s source: `ALL` is matched case-insensitively (`util.InStringSlice` uses `strings.EqualFold`), so `drop: [all]` does drop everything at runtime — but it does not count for the restricted Pod Security level, which compares exactly. What does go wrong is the `CAP_` prefix: containerd adds its own, CRI-O does not.',
    },
    references: [
      { title: 'containerd internal/cri/opts/spec_opts.go (WithCapabilities)', url: 'https://github.com/containerd/containerd/blob/main/internal/cri/opts/spec_opts.go' },
      { title: 'CRI-O internal/factory/container/container.go (SpecSetupCapabilities)', url: 'https://github.com/cri-o/cri-o/blob/main/internal/factory/container/container.go' },
      { title: 'runc libcontainer/capabilities/capabilities.go (unknown capabilities are ignored)', url: 'https://github.com/opencontainers/runc/blob/main/libcontainer/capabilities/capabilities.go' },
      { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      if (isWindowsPod(workload)) return;
      const capabilities = getMap(container.securityContext, 'capabilities');
      for (const list of ['drop', 'add'] as const) {
        if (!getPair(capabilities, list)) continue;
        for (const item of stringItems(getSeq(capabilities, list))) {
          const written = item.value.trim();
          if (KNOWN.has(written)) continue;
          const upper = written.toUpperCase();
          const bare = upper.startsWith('CAP_') ? upper.slice(4) : upper;
          const who = describeContainer(container);
          if (upper.startsWith('CAP_') && KNOWN.has(bare)) {
            context.report({
              node: item.node,
              message:
                list === 'drop'
                  ? `${who} drops "${written}", which containerd turns into CAP_${upper}: on containerd nothing is dropped${bare === 'ALL' ? '' : ` and ${bare} stays granted`} (CRI-O accepts the prefix). Write ${bare}.`
                  : `${who} adds "${written}", which containerd turns into CAP_${upper}, an unknown name runc ignores (crun 1.29+ refuses it), while CRI-O grants ${bare}: the container differs per runtime. Write ${bare}.`,
              fixes: [fix(`Write ${bare}`, true, replaceScalar(file, item.node, bare))],
            });
          } else if (KNOWN.has(upper)) {
            context.report({
              node: item.node,
              severity: 'information',
              message: `${who} ${list === 'drop' ? 'drops' : 'adds'} "${written}": runtimes upper-case it, but Pod Security admission and policy engines compare names exactly${list === 'drop' && upper === 'ALL' ? ' (this does not count as drop ALL for the restricted level)' : ''}. Write ${upper}.`,
              fixes: [fix(`Write ${upper}`, true, replaceScalar(file, item.node, upper))],
            });
          } else {
            const suggestion = didYouMean(bare, KNOWN)[0];
            context.report({
              node: item.node,
              message: `${who} ${list === 'drop' ? 'drops' : 'adds'} "${written}", which is not a Linux capability: on containerd it ${list === 'drop' ? 'drops nothing' : 'grants nothing (runc ignores unknown names, crun 1.29+ refuses them)'}, and CRI-O refuses to create the container${suggestion ? `. Did you mean ${suggestion}?` : '.'}`,
              // Correcting a typo in add grants a capability: offered, never applied by "fix all".
              fixes: suggestion ? [fix(`Write ${suggestion}${list === 'add' ? ' (unsafe: grants the capability)' : ''}`, list === 'drop', replaceScalar(file, item.node, suggestion))] : [],
            });
          }
        }
      }
    });
  },
});
