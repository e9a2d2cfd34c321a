import { defineKubernetesRule } from '../../../rule';
import { getSeq, mapItems } from '../../../documents/yaml';
import { isWindowsPod } from '../../model';
import { effectiveBool, effectiveInt } from '../../securityContext';
import { readInt } from '../../values';
import { capabilityNames, describeContainer, forEachContainer } from '../helpers';

const FIRST_UNPRIVILEGED_PORT = 1024;

export default defineKubernetesRule({
  meta: {
    id: 'privileged-port',
    title: 'Listen on ports from 1024 up',
    description:
      'Reports `ports[].containerPort` values below 1024 in Linux pods. For a container that runs as non-root (`runAsNonRoot: true` or a non-zero `runAsUser`) without `NET_BIND_SERVICE` in `capabilities.add`, the message says the bind will fail unless the runtime lowers `net.ipv4.ip_unprivileged_port_start`; otherwise it says the port ties the image to running as root or with an extra capability.',
    rationale:
      'Binding a port below 1024 needs root or CAP_NET_BIND_SERVICE inside the container. An image that listens on 80 or 443 therefore either runs as root or keeps a capability, and cannot meet the restricted Pod Security level with `drop: [ALL]` alone. The port number inside the pod is invisible to clients behind a Service, which can still expose port 80.',
    remediation: 'Make the process listen on a port of 1024 or more (e.g. 8080) and map it in the Service (`port: 80`, `targetPort: 8080`). If that is impossible, add only `NET_BIND_SERVICE` after `drop: ["ALL"]`.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['privileged-ports'],
      trivy: ['KSV117'],
      differences:
        'The message says whether the bind will fail (a non-root container without NET_BIND_SERVICE) or only ties the image to root or an extra capability.',
    },
    references: [
      { title: 'capabilities(7): CAP_NET_BIND_SERVICE', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'Service: targetPort', url: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service' },
    ],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      // Windows has no privileged ports.
      if (isWindowsPod(workload)) return;
      const added = capabilityNames(container, 'add');
      const canBind = added.includes('NET_BIND_SERVICE') || added.includes('ALL');
      const nonRoot = effectiveBool(file, workload, container, 'runAsNonRoot');
      const user = effectiveInt(file, workload, container, 'runAsUser');
      const runsAsNonRoot = (user.read.state === 'value' && user.read.value > 0) || (user.read.state !== 'value' && nonRoot.read.state === 'value' && nonRoot.read.value);
      for (const port of mapItems(getSeq(container.node, 'ports'))) {
        const number = readInt(file, port, 'containerPort');
        if (number.state !== 'value' || number.value <= 0 || number.value >= FIRST_UNPRIVILEGED_PORT) continue;
        const message =
          runsAsNonRoot && !canBind
            ? `${describeContainer(container)} runs as non-root without NET_BIND_SERVICE but declares port ${number.value}: binding it fails unless the runtime lowers net.ipv4.ip_unprivileged_port_start. Listen on a port from 1024 up and map it in the Service.`
            : `${describeContainer(container)} listens on privileged port ${number.value}, which needs root or NET_BIND_SERVICE in the container. Listen on a port from 1024 up and map it in the Service.`;
        context.report({ pair: number.pair, message });
      }
    });
  },
});
