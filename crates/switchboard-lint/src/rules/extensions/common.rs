//! Facts shared by the extension rules: operations by `operationId`, and the nodes that
//! carry dynamic extensions (`x-ms-dynamic-*`) with the operations that use them.

use switchboard_model::json::Value;

use crate::fast_hash::FastMap;
use switchboard_model::swagger::{Parameter, Response};

use crate::rules::schemas::common::{Definitions, path_notification_schema, schema_roots, walk};
use crate::rules::schemas::keys::{Keys, for_each_schema_node_with};
use crate::{SchemaRole, SwaggerIndex};

/// The dynamic extensions.
pub(crate) const DYNAMIC_KEYS: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-tree",
];

/// Whether an operation is a webhook: it has `x-ms-notification-content`, or it is a
/// trigger whose path item has it (the layout of Microsoft's webhook example).
pub(crate) fn is_webhook(op: &switchboard_model::swagger::Operation<'_>) -> bool {
    op.is_webhook()
}

/// Operation index by `operationId` (the first operation of a duplicated id).
pub(crate) fn operations_by_id<'a>(sw: &SwaggerIndex<'a>) -> FastMap<&'a str, usize> {
    let mut out = FastMap::default();
    for (i, op) in sw.operations.iter().enumerate() {
        if let Some(id) = op.op.operation_id() {
            out.entry(id).or_insert(i);
        }
    }
    out
}

/// What kind of node a [`DynamicSite`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SiteKind {
    /// A non-body parameter.
    Parameter,
    /// A body parameter object (dynamic extensions belong on its schema).
    BodyParameter,
    /// A schema node of a body parameter (or of a definition a body uses).
    Input,
    /// A schema node of a response or notification (or of a definition one uses).
    Output,
}

/// A node carrying at least one dynamic extension.
#[derive(Clone, Debug)]
pub(crate) struct DynamicSite<'a> {
    /// The parameter or schema object holding the extensions.
    pub node: &'a Value,
    /// What it is.
    pub kind: SiteKind,
    /// The operations it belongs to (indices into `sw.operations`): those whose parameters
    /// or schemas contain it.
    pub callers: Vec<usize>,
}

fn has_dynamic(node: &Value) -> bool {
    node.members().any(|m| DYNAMIC_KEYS.contains(&m.key.as_str()))
}

/// Every node with a dynamic extension: parameter declarations and schema nodes (each
/// once), with the operations using them.
/// Computed once per connector.
pub(crate) fn dynamic_sites<'s, 'a>(sw: &'s SwaggerIndex<'a>) -> &'s [DynamicSite<'a>] {
    sw.shared.dynamic_sites.get_or_init(|| compute_dynamic_sites(sw))
}

fn compute_dynamic_sites<'a>(sw: &SwaggerIndex<'a>) -> Vec<DynamicSite<'a>> {
    let mut param_ops: FastMap<*const Value, Vec<usize>> = FastMap::default();
    let mut body_ops: FastMap<*const Value, Vec<usize>> = FastMap::default();
    for (i, op) in sw.operations.iter().enumerate() {
        for p in &op.params {
            param_ops.entry(std::ptr::from_ref(p.node)).or_default().push(i);
            if p.is_body()
                && let Some(s) = p.schema()
            {
                body_ops.entry(std::ptr::from_ref(s)).or_default().push(i);
            }
        }
    }
    let mut out = Vec::new();
    for decl in &sw.parameters {
        let node = decl.param.node;
        if has_dynamic(node) {
            out.push(DynamicSite {
                node,
                kind: if decl.param.is_body() {
                    SiteKind::BodyParameter
                } else {
                    SiteKind::Parameter
                },
                callers: param_ops.get(&std::ptr::from_ref(node)).cloned().unwrap_or_default(),
            });
        }
    }
    // (index into `out`, the root node of the definition holding the site).
    let mut in_definitions: Vec<(usize, &'a Value)> = Vec::new();
    // The schema nodes with a dynamic extension, root by root in document order.
    for_each_schema_node_with(sw, Keys::any_of(DYNAMIC_KEYS), &mut |node, _, root| {
        let (kind, callers) = match root.role {
            SchemaRole::Body => (
                SiteKind::Input,
                body_ops.get(&std::ptr::from_ref(root.node)).cloned().unwrap_or_default(),
            ),
            SchemaRole::Response(_) | SchemaRole::Notification => {
                (SiteKind::Output, root.operation.into_iter().collect())
            }
            SchemaRole::SharedResponse(_) => (SiteKind::Output, Vec::new()),
            SchemaRole::Definition(_) => {
                in_definitions.push((out.len(), root.node));
                (SiteKind::Output, Vec::new())
            }
        };
        out.push(DynamicSite { node, kind, callers });
    });
    if !in_definitions.is_empty() {
        attach_definition_callers(sw, &mut out, &in_definitions);
    }
    out
}

/// Sets the kind and callers of sites inside definitions: the operations whose body
/// (input) or response (output) schemas reach the definition.
fn attach_definition_callers<'a>(
    sw: &SwaggerIndex<'a>,
    out: &mut [DynamicSite<'a>],
    in_definitions: &[(usize, &'a Value)],
) {
    let defs = Definitions::of(sw);
    let edges = defs.edges();
    // The definition each site belongs to, by the root of its tree (the definition's
    // schema roots and `defs.nodes` list the same members in the same order).
    let owner: FastMap<*const Value, usize> =
        defs.nodes.iter().enumerate().map(|(d, root)| (std::ptr::from_ref(*root), d)).collect();
    for (i, op) in sw.operations.iter().enumerate() {
        let inputs = op.params.iter().filter(|p| p.is_body()).filter_map(Parameter::schema);
        let outputs = op
            .responses
            .iter()
            .filter_map(Response::schema)
            .chain(op.op.notification_content().and_then(|n| n.get("schema")))
            .chain(path_notification_schema(op.op.path.node));
        let reach_in = defs.reachable_with(&edges, inputs);
        let reach_out = defs.reachable_with(&edges, outputs);
        for &(site, root) in in_definitions {
            let Some(&d) = owner.get(&std::ptr::from_ref(root)) else { continue };
            if reach_in[d] {
                out[site].kind = SiteKind::Input;
                out[site].callers.push(i);
            } else if reach_out[d] {
                out[site].callers.push(i);
            }
        }
    }
}

/// A parameter or schema marked `x-ms-notification-url: true` in an operation's input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NotificationUrl<'a> {
    /// The marked parameter or schema.
    pub node: &'a Value,
    /// Whether it or one of its parents (up to the parameter) is `x-ms-visibility: internal`.
    pub internal: bool,
    /// Whether it is required all the way: each property on the way from the body schema
    /// is in its parent's `required` list (a non-body parameter: `required: true`). The body
    /// parameter's own `required` flag is not part of the chain: merged webhooks routinely
    /// leave it false, and the validator accepts them.
    pub required: bool,
}

/// Schema nodes visited per operation before the search gives up (guards exponential
/// expansions of shared definitions).
const URL_BUDGET: usize = 20_000;

/// The notification-URL properties of an operation's inputs: marked non-body parameters,
/// and marked properties anywhere in the body schema (`$ref`s followed, cycles cut).
pub(crate) fn notification_urls<'a>(
    defs: &Definitions<'a>,
    op: &crate::OperationInfo<'a>,
) -> Vec<NotificationUrl<'a>> {
    let mut out = Vec::new();
    for p in &op.params {
        let internal = p.is_internal();
        let required = p.is_required();
        if p.is_body() {
            if let Some(schema) = p.schema() {
                let mut walk = UrlWalk {
                    defs,
                    stack: Vec::new(),
                    budget: URL_BUDGET,
                    depth: 0,
                    out: &mut out,
                };
                walk.visit(schema, internal, true);
            }
        } else if is_url(p.node) {
            out.push(NotificationUrl { node: p.node, internal, required });
        }
    }
    out
}

/// Whether any parameter or schema node of the document is marked
/// `x-ms-notification-url: true`: one walk that spares the per-operation searches of
/// [`notification_urls`] in the many connectors without webhooks.
pub(crate) fn has_notification_urls(sw: &SwaggerIndex<'_>) -> bool {
    if sw.parameters.iter().any(|d| is_url(d.param.node)) {
        return true;
    }
    let mut found = false;
    for root in &schema_roots(sw) {
        walk(root.node, &mut |node, _| found |= is_url(node));
        if found {
            return true;
        }
    }
    false
}

/// Whether a node is marked `x-ms-notification-url: true`.
pub(crate) fn is_url(node: &Value) -> bool {
    node.get_bool("x-ms-notification-url") == Some(true)
}

struct UrlWalk<'d, 'a, 'o> {
    defs: &'d Definitions<'a>,
    /// Definitions being expanded (a `$ref` back to one of them is a cycle).
    stack: Vec<usize>,
    /// Nodes left to visit.
    budget: usize,
    /// Current recursion depth (guards the stack).
    depth: usize,
    out: &'o mut Vec<NotificationUrl<'a>>,
}

impl<'a> UrlWalk<'_, 'a, '_> {
    fn visit(&mut self, node: &'a Value, internal: bool, required: bool) {
        if self.budget == 0 || self.stack.len() > 64 || self.depth > 512 {
            return;
        }
        self.budget -= 1;
        self.depth += 1;
        self.visit_inner(node, internal, required);
        self.depth -= 1;
    }

    fn visit_inner(&mut self, node: &'a Value, internal: bool, required: bool) {
        let internal = internal || node.get_str("x-ms-visibility") == Some("internal");
        if let Some(d) = self.defs.target(node) {
            if self.stack.contains(&d) {
                return;
            }
            self.stack.push(d);
            self.visit(self.defs.nodes[d], internal, required);
            self.stack.pop();
            return;
        }
        if is_url(node) {
            self.out.push(NotificationUrl { node, internal, required });
        }
        let schema = switchboard_model::swagger::Schema::new(node);
        for (name, child) in schema.properties() {
            self.visit(child, internal, required && schema.requires(name));
        }
        if let Some(items) = schema.items() {
            self.visit(items, internal, required);
        }
        for member in node.get("allOf").into_iter().flat_map(Value::items) {
            self.visit(member, internal, required);
        }
    }
}

/// Whether the calling operation has a parameter named `name`, and how many.
pub(crate) fn parameter_count(op: &crate::OperationInfo<'_>, name: &str) -> usize {
    op.params.iter().filter(|p| p.name() == Some(name)).count()
}

/// Whether `name` is a top-level property of the operation's body schema (`$ref`s and
/// `allOf` followed).
pub(crate) fn is_body_property(
    defs: &Definitions<'_>,
    op: &crate::OperationInfo<'_>,
    name: &str,
) -> bool {
    op.params
        .iter()
        .filter(|p| p.is_body())
        .filter_map(Parameter::schema)
        .any(|s| has_property(defs, s, name, 0))
}

/// Whether a schema (dereferenced, with its `allOf` members) has property `name`.
pub(crate) fn has_property(
    defs: &Definitions<'_>,
    schema: &Value,
    name: &str,
    depth: usize,
) -> bool {
    let schema = defs.deref(schema);
    schema.get("properties").is_some_and(|p| p.get(name).is_some())
        || (depth < 8
            && schema
                .get("allOf")
                .into_iter()
                .flat_map(Value::items)
                .any(|m| has_property(defs, m, name, depth + 1)))
}
