//! The objects of one run and the indexes rules need.

use crate::k8s::Body;
use crate::object::Object;
use std::collections::BTreeMap;

/// How a workload is reachable from outside the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// `Service/<name> (LoadBalancer)`, `Ingress/<name>`, ...
    pub via: String,
}

/// All objects of a run, in input order, with indexes.
#[derive(Debug, Default)]
pub struct Inventory {
    pub objects: Vec<Object>,
    /// Object indexes per namespace (`""` for cluster-scoped objects and objects without a namespace).
    by_namespace: BTreeMap<String, Vec<usize>>,
    /// Per pod-bearing object, how it is exposed, if it is.
    exposure: BTreeMap<usize, Exposure>,
    /// ServiceAccounts by (namespace, name).
    service_accounts: std::collections::HashMap<(String, String), usize>,
}

impl Inventory {
    pub fn new(objects: Vec<Object>) -> Self {
        let mut inv = Inventory {
            objects,
            ..Default::default()
        };
        for (i, o) in inv.objects.iter().enumerate() {
            inv.by_namespace
                .entry(o.namespace().unwrap_or_default().to_owned())
                .or_default()
                .push(i);
        }
        inv.exposure = inv.compute_exposure();
        inv.service_accounts = inv
            .objects
            .iter()
            .enumerate()
            .filter(|(_, o)| matches!(o.body, Body::ServiceAccount(_)))
            .map(|(i, o)| ((o.namespace().unwrap_or_default().to_owned(), o.name().to_owned()), i))
            .collect();
        inv
    }

    /// The ServiceAccount `name` of `namespace`, if the input has it.
    pub fn service_account(&self, namespace: &str, name: &str) -> Option<&crate::object::Object> {
        self.service_accounts
            .get(&(namespace.to_owned(), name.to_owned()))
            .map(|&i| &self.objects[i])
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Indexes of the objects in a namespace.
    pub fn in_namespace(&self, namespace: &str) -> &[usize] {
        self.by_namespace.get(namespace).map_or(&[], Vec::as_slice)
    }

    /// Namespaces that appear in the input, from objects' `metadata.namespace`.
    pub fn namespaces(&self) -> impl Iterator<Item = &str> {
        self.by_namespace.keys().map(String::as_str).filter(|n| !n.is_empty())
    }

    /// How an object is exposed outside the cluster, if the input shows it.
    pub fn exposure(&self, object: usize) -> Option<&Exposure> {
        self.exposure.get(&object)
    }

    /// Pod-bearing objects in `namespace` whose pod labels match a Service selector.
    pub fn selected_by_service(&self, namespace: &str, selector: &BTreeMap<String, String>) -> Vec<usize> {
        PodLabelIndex::new(self).selected(self, namespace, selector)
    }

    fn compute_exposure(&self) -> BTreeMap<usize, Exposure> {
        let mut out = BTreeMap::new();
        // Services reached by ingresses, per namespace.
        let mut ingress_backends: BTreeMap<(String, String), String> = BTreeMap::new();
        for o in &self.objects {
            if let Body::Ingress(ing) = &o.body {
                let ns = o.namespace().unwrap_or("").to_owned();
                let Some(spec) = &ing.spec else { continue };
                let backends = spec.default_backend.iter().chain(spec.backend.iter()).chain(
                    spec.rules
                        .iter()
                        .flat_map(|r| r.http.iter().flat_map(|h| h.paths.iter().map(|p| &p.backend))),
                );
                for b in backends {
                    if let Some(svc) = b.service_name() {
                        ingress_backends
                            .entry((ns.clone(), svc.to_owned()))
                            .or_insert_with(|| format!("Ingress/{}", o.name()));
                    }
                }
            }
        }
        let index = PodLabelIndex::new(self);
        for o in &self.objects {
            let Body::Service(svc) = &o.body else {
                continue;
            };
            let Some(spec) = &svc.spec else { continue };
            // Objects without a namespace land together in whatever namespace they are applied to.
            let ns = o.namespace().unwrap_or("");
            let via = match spec.type_.as_deref() {
                Some(t @ ("LoadBalancer" | "NodePort")) => Some(format!("Service/{} ({t})", o.name())),
                _ if !spec.external_ips.is_empty() => Some(format!("Service/{} (externalIPs)", o.name())),
                _ => ingress_backends
                    .get(&(ns.to_owned(), o.name().to_owned()))
                    .map(|ing| format!("{ing} through Service/{}", o.name())),
            };
            let Some(via) = via else { continue };
            for i in index.selected(self, ns, &spec.selector) {
                out.entry(i).or_insert_with(|| Exposure { via: via.clone() });
            }
        }
        out
    }
}

/// Pod-bearing objects by (namespace, label key, label value), so matching a selector looks only at the objects
/// that carry its first label instead of every object of the namespace.
struct PodLabelIndex<'a> {
    by_label: std::collections::HashMap<(&'a str, &'a str, &'a str), Vec<usize>>,
}

impl<'a> PodLabelIndex<'a> {
    fn new(inventory: &'a Inventory) -> Self {
        let mut by_label: std::collections::HashMap<(&str, &str, &str), Vec<usize>> = Default::default();
        for (i, o) in inventory.objects.iter().enumerate() {
            let Some(t) = o.pod_template() else { continue };
            let ns = o.namespace().unwrap_or("");
            for (k, v) in &t.metadata.labels {
                by_label.entry((ns, k.as_str(), v.as_str())).or_default().push(i);
            }
        }
        PodLabelIndex { by_label }
    }

    fn selected(&self, inventory: &Inventory, namespace: &str, selector: &BTreeMap<String, String>) -> Vec<usize> {
        let Some((k, v)) = selector.iter().next() else {
            return Vec::new();
        };
        let Some(candidates) = self.by_label.get(&(namespace, k.as_str(), v.as_str())) else {
            return Vec::new();
        };
        candidates
            .iter()
            .copied()
            .filter(|&i| {
                inventory.objects[i]
                    .pod_template()
                    .is_some_and(|t| selector.iter().all(|(k, v)| t.metadata.labels.get(k) == Some(v)))
            })
            .collect()
    }
}
