#!/usr/bin/env python3
"""Generate a synthetic manifest corpus of N objects for benchmarks.

Mixed kinds in realistic proportions (Deployments, Pods, Services, RBAC, ConfigMaps, NetworkPolicies, StatefulSets,
DaemonSets, CronJobs), some hardened and some not, written as multi-document files of varying size (1 to 200
objects per file) across a directory tree. Deterministic for a given N and seed.

    python3 bench/gen_corpus.py 10000 bench/corpus/10k
"""
import os
import random
import sys


def container(rng, i, hardened):
    c = [
        f"      - name: app{i}",
        f"        image: registry.example.com/team{rng.randint(1, 40)}/app{i}:{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        if hardened
        else f"        image: nginx{'' if rng.random() < 0.5 else ':latest'}",
        "        ports:",
        f"        - containerPort: {rng.choice([8080, 8443, 9090, 3000])}",
        "        env:",
        "        - name: LOG_LEVEL",
        "          value: info",
        "        - name: DB_HOST",
        f"          value: db-{rng.randint(1, 99)}.internal",
    ]
    if hardened:
        c += [
            "        resources:",
            "          requests: {cpu: 100m, memory: 128Mi}",
            "          limits: {memory: 256Mi}",
            "        livenessProbe:",
            "          httpGet: {path: /healthz, port: 8080}",
            "        readinessProbe:",
            "          httpGet: {path: /readyz, port: 8080}",
            "        securityContext:",
            "          allowPrivilegeEscalation: false",
            "          readOnlyRootFilesystem: true",
            "          runAsNonRoot: true",
            "          capabilities: {drop: [ALL]}",
            "          seccompProfile: {type: RuntimeDefault}",
        ]
    elif rng.random() < 0.3:
        c += ["        securityContext:", "          privileged: true"]
    return c


def pod_spec(rng, hardened, indent):
    lines = ["    spec:"]
    if not hardened and rng.random() < 0.2:
        lines.append("      hostNetwork: true")
    lines.append("      containers:")
    for i in range(rng.choice([1, 1, 1, 2, 3])):
        lines += container(rng, i, hardened)
    if not hardened and rng.random() < 0.2:
        lines += ["      volumes:", "      - name: host", "        hostPath: {path: /var/log}"]
    pad = " " * indent
    return [pad + line for line in lines]


def workload(rng, kind, api, name, ns, hardened):
    head = [f"apiVersion: {api}", f"kind: {kind}", "metadata:", f"  name: {name}", f"  namespace: {ns}",
            f"  labels: {{app: {name}}}", "spec:"]
    if kind == "CronJob":
        return head + ['  schedule: "*/5 * * * *"', "  jobTemplate:", "    spec:", "      template:",
                       "        metadata:", f"          labels: {{app: {name}}}"] + pod_spec(rng, hardened, 6)
    if kind in ("Deployment", "StatefulSet"):
        head.append(f"  replicas: {rng.choice([1, 2, 3])}")
    return head + ["  selector:", f"    matchLabels: {{app: {name}}}", "  template:", "    metadata:",
                   f"      labels: {{app: {name}}}"] + pod_spec(rng, hardened, 2)


def pod(rng, name, ns, hardened):
    return [f"apiVersion: v1", "kind: Pod", "metadata:", f"  name: {name}", f"  namespace: {ns}"] + [
        line[4:] for line in pod_spec(rng, hardened, 0)
    ]


def service(rng, name, ns):
    t = rng.choice(["ClusterIP", "ClusterIP", "ClusterIP", "LoadBalancer", "NodePort"])
    return ["apiVersion: v1", "kind: Service", "metadata:", f"  name: {name}", f"  namespace: {ns}", "spec:",
            f"  type: {t}", f"  selector: {{app: {name}}}", "  ports:", "  - port: 80", "    targetPort: 8080"]


def rbac(rng, name, ns):
    star = '"*"'
    if rng.random() < 0.5:
        return ["apiVersion: rbac.authorization.k8s.io/v1", "kind: Role", "metadata:", f"  name: {name}",
                f"  namespace: {ns}", "rules:", '- apiGroups: [""]',
                f"  resources: [{rng.choice(['pods', 'secrets', 'configmaps', star])}]",
                f"  verbs: [{rng.choice(['get, list', 'get, list, watch', star])}]"]
    return ["apiVersion: rbac.authorization.k8s.io/v1", "kind: RoleBinding", "metadata:", f"  name: {name}",
            f"  namespace: {ns}", "roleRef:", "  apiGroup: rbac.authorization.k8s.io", "  kind: Role",
            f"  name: {name}", "subjects:", "- kind: ServiceAccount", f"  name: {name}", f"  namespace: {ns}"]


def configmap(rng, name, ns):
    return ["apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {name}", f"  namespace: {ns}", "data:",
            f"  app.properties: |", f"    threads={rng.randint(1, 64)}", "    mode=production",
            f"  region: eu-west-{rng.randint(1, 3)}"]


def netpol(rng, name, ns):
    return ["apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy", "metadata:", f"  name: {name}",
            f"  namespace: {ns}", "spec:", f"  podSelector: {{matchLabels: {{app: {name}}}}}",
            "  policyTypes: [Ingress]", "  ingress:", "  - from:", "    - podSelector: {}"]


def make(rng, i):
    ns = f"team-{i % 97}"
    name = f"obj-{i}"
    hardened = rng.random() < 0.4
    r = rng.random()
    if r < 0.25:
        return workload(rng, "Deployment", "apps/v1", name, ns, hardened)
    if r < 0.30:
        return workload(rng, "StatefulSet", "apps/v1", name, ns, hardened)
    if r < 0.33:
        return workload(rng, "DaemonSet", "apps/v1", name, ns, hardened)
    if r < 0.36:
        return workload(rng, "CronJob", "batch/v1", name, ns, hardened)
    if r < 0.46:
        return pod(rng, name, ns, hardened)
    if r < 0.64:
        return service(rng, name, ns)
    if r < 0.78:
        return rbac(rng, name, ns)
    if r < 0.92:
        return configmap(rng, name, ns)
    return netpol(rng, name, ns)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    i = 0
    f = 0
    while i < n:
        size = min(n - i, rng.choice([1, 1, 2, 5, 10, 20, 50, 100, 200]))
        d = os.path.join(out, f"dir{f % 50:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"file{f:05d}.yaml"), "w") as fh:
            docs = ["\n".join(make(rng, i + k)) for k in range(size)]
            fh.write("---\n" + "\n---\n".join(docs) + "\n")
        i += size
        f += 1
    print(f"{n} objects in {f} files under {out}")


if __name__ == "__main__":
    main()
