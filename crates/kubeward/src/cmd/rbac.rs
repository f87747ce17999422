//! `kubeward who-can` and `kubeward can`: answers from the RBAC objects of the input, as the authorizer decides.

use crate::exit;
use kubeward_core::Inventory;
use kubeward_rules::rbac::authz::{Rbac, Request, UserInfo, split_group};
use serde_json::json;

#[derive(clap::Args)]
pub struct Action {
    /// The verb: get, list, watch, create, update, patch, delete, deletecollection, escalate, bind, impersonate, ...
    pub verb: String,
    /// The resource (`secrets`, `deployments.apps`, `pods/exec`) or a non-resource URL (`/metrics`).
    pub resource: String,
    /// The namespace of the request (omit for cluster-scoped resources or all namespaces).
    #[arg(long, short = 'n', default_value = "")]
    pub namespace: String,
    /// The object's name (matters for rules with resourceNames).
    #[arg(long, default_value = "")]
    pub name: String,
    /// The subresource (`exec`, `log`, `token`), if not written as `resource/subresource`.
    #[arg(long, default_value = "")]
    pub subresource: String,
}

impl Action {
    fn request(&self) -> Request {
        if self.resource.starts_with('/') {
            return Request {
                verb: self.verb.clone(),
                non_resource_url: Some(self.resource.clone()),
                ..Default::default()
            };
        }
        let (resource, subresource) = match self.resource.split_once('/') {
            Some((r, s)) => (r.to_owned(), s.to_owned()),
            None => (self.resource.clone(), self.subresource.clone()),
        };
        let (api_group, resource) = split_group(&resource);
        Request {
            verb: self.verb.clone(),
            api_group,
            resource,
            subresource,
            name: self.name.clone(),
            namespace: self.namespace.clone(),
            non_resource_url: None,
        }
    }
}

#[derive(clap::Args)]
pub struct WhoCanArgs {
    #[command(flatten)]
    pub action: Action,
    /// Files, directories and `-` with the Roles, ClusterRoles and bindings.
    #[arg(required = true, value_name = "PATH", last = false)]
    pub inputs: Vec<String>,
    #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[derive(clap::Args)]
pub struct CanArgs {
    /// The user asking, e.g. `alice` or `system:serviceaccount:ci:deployer`.
    #[arg(long = "as", value_name = "USER")]
    pub user: String,
    /// A group the user belongs to (repeatable).
    #[arg(long = "as-group", value_name = "GROUP")]
    pub groups: Vec<String>,
    #[command(flatten)]
    pub action: Action,
    /// Files, directories and `-` with the Roles, ClusterRoles and bindings.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<String>,
}

fn load(inputs: &[String]) -> Option<Rbac> {
    let loaded = kubeward_load::load_paths(inputs, &Default::default());
    for e in &loaded.errors {
        eprintln!("kubeward: error: {e}");
    }
    if !loaded.errors.is_empty() {
        return None;
    }
    Some(Rbac::from_inventory(&Inventory::new(loaded.objects)))
}

pub fn who_can(args: WhoCanArgs) -> u8 {
    let Some(rbac) = load(&args.inputs) else {
        return exit::ERROR;
    };
    let answers = rbac.who_can(&args.action.request());
    let text = if args.format == "json" {
        let entries: Vec<_> = answers
            .iter()
            .map(|(s, grants)| {
                let mut e = json!({
                    "subject": {"kind": s.kind, "name": s.name, "namespace": s.namespace},
                    "via": grants.iter().map(|g| json!({"binding": g.binding, "role": g.role, "rule": g.rule})).collect::<Vec<_>>(),
                });
                if s.kind == "Group" && s.name == "system:masters" {
                    e["bypassesAuthorization"] = json!(true);
                }
                e
            })
            .collect();
        serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
    } else {
        let rows: Vec<[String; 3]> = answers
            .iter()
            .flat_map(|(s, grants)| {
                let subject = match &s.namespace {
                    Some(ns) if s.kind == "ServiceAccount" => format!("{}/{ns}/{}", s.kind, s.name),
                    _ => format!("{}/{}", s.kind, s.name),
                };
                grants.iter().map(move |g| {
                    [
                        subject.clone(),
                        g.binding.clone(),
                        format!("{} (rule {})", g.role, g.rule),
                    ]
                })
            })
            .collect();
        let w0 = rows.iter().map(|r| r[0].len()).max().unwrap_or(0).max(7);
        let w1 = rows.iter().map(|r| r[1].len()).max().unwrap_or(0).max(7);
        let mut out = format!("{:w0$}  {:w1$}  ROLE\n", "SUBJECT", "BINDING");
        for r in &rows {
            out.push_str(&format!("{:w0$}  {:w1$}  {}\n", r[0], r[1], r[2]));
        }
        if rows.is_empty() {
            out.push_str("(no subject in the input is granted this)\n");
        }
        out
    };
    if crate::cmd::write_output(None, &text) {
        exit::CLEAN
    } else {
        exit::ERROR
    }
}

pub fn can(args: CanArgs) -> u8 {
    let Some(rbac) = load(&args.inputs) else {
        return exit::ERROR;
    };
    let user = UserInfo::from_name(&args.user, &args.groups);
    match rbac.authorize(&user, &args.action.request()) {
        Some(g) => {
            println!(
                "yes: {} through {} (rule {}) for {}",
                args.user, g.binding, g.rule, g.subject
            );
            println!("  role: {}", g.role);
            exit::CLEAN
        }
        None => {
            println!(
                "no: no binding in the input grants {} {} {}",
                args.user, args.action.verb, args.action.resource
            );
            exit::FINDINGS
        }
    }
}
