//! A read collection → a plain Swagger 2.0 document: folder selection, scripts, auth choice,
//! host, and one operation per request.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json, json};
use switchboard_diagnostics::Location;
use switchboard_model::json::{Value, pointer};

use super::auth::{self, Choice, Scheme, Usage};
use super::collection::{Collection, RequestItem, description};
use super::host::{self, Base};
use super::report::{Loss, Report};
use super::scripts::Scripts;
use super::url::{self, Origin, Url};
use super::{body, names, params, responses};
use crate::ImportOptions;

/// The platform's limit on operations in one connector (SW006).
const MAX_OPERATIONS: usize = 256;

/// The HTTP methods Swagger 2.0 has a place for.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Summaries and operationIds given so far.
#[derive(Default)]
struct Taken {
    summaries: Vec<String>,
    ids: Vec<String>,
}

/// A request whose URL and method are usable.
struct Prepared<'r, 'a> {
    req: &'r RequestItem<'a>,
    url: Url<'a>,
    method: String,
    origin: Origin,
    /// The auth the request uses.
    usage: Option<Usage<'a>>,
}

/// Converts `collection` (read from `root`) into a Swagger 2.0 document; `sources` receives
/// where its parts come from (Swagger pointer → place in the collection).
pub(crate) fn to_swagger(
    collection: &Collection<'_>,
    root: &Value,
    options: &ImportOptions,
    report: &mut Report<'_>,
    sources: &mut Vec<(String, Location)>,
) -> Json {
    let selected = select(collection, root, options, report);
    let prepared: Vec<Prepared<'_, '_>> =
        selected.iter().filter_map(|req| prepare(req, collection, report)).collect();
    let collection_auth = || {
        // No request authenticates: the collection's own auth still tells how to sign in.
        let node = root.get("auth").filter(|a| a.get_str("type").is_some_and(|t| t != "noauth"))?;
        let scheme = auth::read(node, &collection.variables).ok()?;
        Some(Choice { scheme, node, from_header: false, count: 0 })
    };
    let choice =
        auth::choose(prepared.iter().filter_map(|p| p.usage.as_ref())).or_else(collection_auth);
    let scheme = choice.as_ref().map(|c| &c.scheme);
    let origins: Vec<(Origin, &Value)> =
        prepared.iter().map(|p| (p.origin.clone(), p.url.node)).collect();
    let base = host::choose(&origins, &collection.empty_variables, report);

    let mut paths = Map::new();
    // (method, path compared as SW053 does) → the first request's name.
    let mut operations: BTreeMap<(String, String), String> = BTreeMap::new();
    // Path compared as SW053 does → the template written for it.
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut taken = Taken::default();
    let mut used_folders = BTreeSet::new();
    let mut over_limit: Vec<&Prepared<'_, '_>> = Vec::new();
    let mut imported: Vec<&Prepared<'_, '_>> = Vec::new();
    // Requests skipped as duplicates: (the operation's request, `METHOD /path`, the skipped).
    let mut duplicates: Vec<(String, String, Vec<&Prepared<'_, '_>>)> = Vec::new();
    // Requests on another base URL: (where they call, how many, the first).
    let mut elsewhere: Vec<(String, usize, &Prepared<'_, '_>)> = Vec::new();
    for p in &prepared {
        if operations.len() >= MAX_OPERATIONS {
            over_limit.push(p);
            continue;
        }
        let (mut template, mut path_params, other) = path_of(p, &base, collection);
        let key = normalize(&template, true);
        if let Some(first) = operations.get(&(p.method.clone(), key.clone())) {
            let shown = format!("{} {template}", p.method.to_ascii_uppercase());
            match duplicates.iter_mut().find(|(_, s, _)| *s == shown) {
                Some(group) => group.2.push(p),
                None => duplicates.push((first.clone(), shown, vec![p])),
            }
            continue;
        }
        if let Some(existing) = templates.get(&key).filter(|e| **e != template) {
            if normalize(existing, false) != normalize(&template, false) {
                report.add(Loss::DuplicateOperation, p.req.item, format!("the path {template} of '{}' differs from {existing} only in letter case, which connectors do not allow; the request is skipped", p.req.name));
                continue;
            }
            // The same path with other parameter names: one path item, the first spelling.
            for (param, name) in path_params.iter_mut().zip(template_names(existing)) {
                param.name = name;
            }
            template.clone_from(existing);
        }
        templates.entry(key.clone()).or_insert_with(|| template.clone());
        operations.insert((p.method.clone(), key), p.req.name.clone());
        if let Some(called) = other {
            match elsewhere.iter_mut().find(|(c, _, _)| *c == called) {
                Some(entry) => entry.1 += 1,
                None => elsewhere.push((called, 1, p)),
            }
        }
        imported.push(p);
        let operation =
            operation(p, &template, &path_params, scheme, collection, &mut taken, report);
        used_folders.extend(p.req.folders.iter().copied());
        sources.push((
            pointer::from_tokens(["paths", &template, &p.method]),
            report.locate(p.req.item),
        ));
        if let Some(item) = paths.entry(template).or_insert_with(|| json!({})).as_object_mut() {
            item.insert(p.method.clone(), operation);
        }
    }

    report_losses(collection, &imported, &elsewhere, &base, report);
    for (first, shown, skipped) in &duplicates {
        let who = match skipped.as_slice() {
            [one] => format!("the request '{}' has", one.req.name),
            [one, rest @ ..] => {
                format!("the request '{}' and {} more have", one.req.name, rest.len())
            }
            [] => continue,
        };
        report
            .add(Loss::DuplicateOperation, skipped[0].req.item, format!("{who} the same method and path as '{first}' ({shown}, compared ignoring letter case and parameter names): skipped"))
            .set_help("a connector has one operation per method and path: merge the variants into one request, or give them different paths");
    }
    let root_auth =
        if imported.iter().any(|p| p.usage.is_some()) { None } else { root.get("auth") };
    auth::report_choice(
        choice.as_ref(),
        imported.iter().filter_map(|p| p.req.auth).chain(root_auth),
        imported.iter().filter_map(|p| p.usage.as_ref()),
        &collection.variables,
        report,
    );
    if let Some(first) = over_limit.first() {
        report
            .add(Loss::TooManyOperations, first.req.item, format!("a connector has at most {MAX_OPERATIONS} operations: this request and the {} after it are not imported", over_limit.len() - 1))
            .set_help("import a subset of the collection's folders with `--tags`, and make several connectors if needed");
    }

    let mut doc = Map::new();
    doc.insert("swagger".into(), json!("2.0"));
    let info_description = collection.description.clone().unwrap_or_else(|| {
        // Says what it is without repeating the title (which often holds "API", SW023).
        "Operations imported from a Postman collection.".to_string()
    });
    doc.insert(
        "info".into(),
        json!({
            "title": collection.name,
            "description": info_description,
            "version": collection.api_version.as_deref().unwrap_or("1.0.0"),
        }),
    );
    doc.insert("host".into(), json!(base.host));
    doc.insert("basePath".into(), json!(base.path));
    doc.insert("schemes".into(), json!([base.scheme]));
    doc.insert("paths".into(), Json::Object(paths));
    for (member, node) in [("info", root.get("info")), ("host", base.node)] {
        if let Some(node) = node {
            sources.push((format!("/{member}"), report.locate(node)));
        }
    }
    if let Some(choice) = &choice {
        sources.push(("/securityDefinitions".into(), report.locate(choice.node)));
        let (definitions, requirement) = auth::security(&choice.scheme, choice.node, report);
        doc.insert("securityDefinitions".into(), definitions);
        doc.insert("security".into(), requirement);
    }
    let mut tags: Vec<Json> = Vec::new();
    for &f in &used_folders {
        let folder = &collection.folders[f];
        if tags.iter().any(|t| t["name"] == folder.name.as_str()) {
            continue;
        }
        let mut tag = json!({"name": folder.name});
        if let (Some(d), Some(obj)) = (&folder.description, tag.as_object_mut()) {
            obj.insert("description".into(), json!(d));
        }
        tags.push(tag);
    }
    if !tags.is_empty() {
        doc.insert("tags".into(), Json::Array(tags));
    }
    Json::Object(doc)
}

/// The requests in the folders `--tags` names (every request without `--tags`).
fn select<'r, 'a>(
    collection: &'r Collection<'a>,
    root: &Value,
    options: &ImportOptions,
    report: &mut Report<'_>,
) -> Vec<&'r RequestItem<'a>> {
    let tags: Vec<&str> = options.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if tags.is_empty() {
        return collection.requests.iter().collect();
    }
    for tag in &tags {
        if !collection.folders.iter().any(|f| f.name == *tag) {
            let node = root.get("item").unwrap_or(root);
            report
                .add(
                    Loss::UnknownFolder,
                    node,
                    format!("no folder of the collection is named '{tag}'"),
                )
                .set_help(
                    "`--tags` takes folder names as Postman shows them (any level of nesting)",
                );
        }
    }
    collection
        .requests
        .iter()
        .filter(|r| r.folders.iter().any(|&f| tags.contains(&collection.folders[f].name.as_str())))
        .collect()
}

/// Reports what concerns the imported requests as a whole: scripts (once per distinct
/// script) and requests on another base URL (once per base URL).
fn report_losses(
    collection: &Collection<'_>,
    imported: &[&Prepared<'_, '_>],
    elsewhere: &[(String, usize, &Prepared<'_, '_>)],
    base: &Base,
    report: &mut Report<'_>,
) {
    let mut scripts = Scripts::default();
    scripts.add(collection.events, || "the collection".to_string());
    let mut folders_seen = BTreeSet::new();
    for p in imported {
        for &f in &p.req.folders {
            if folders_seen.insert(f) {
                let folder = &collection.folders[f];
                scripts.add(folder.events, || format!("the folder '{}'", folder.name));
            }
        }
        scripts.add(p.req.item.get("event"), || format!("the request '{}'", p.req.name));
    }
    scripts.report(report);
    for (called, n, first) in elsewhere {
        let who = if *n == 1 {
            format!("the request '{}' calls", first.req.name)
        } else {
            format!("{n} requests (the first is '{}') call", first.req.name)
        };
        report
            .add(Loss::OtherHost, first.url.node, format!("{who} `{called}`, not the connector's base URL `{}{}`; imported under the connector's base URL", base.host, base.path.trim_end_matches('/')))
            .set_help("a connector calls one host: split the collection into one connector per host, or remove the requests");
    }
}

fn prepare<'r, 'a>(
    req: &'r RequestItem<'a>,
    collection: &Collection<'a>,
    report: &mut Report<'_>,
) -> Option<Prepared<'r, 'a>> {
    let Some(url) = url::read(req.request).filter(|u| !u.host.is_empty() || !u.path.is_empty())
    else {
        report.add(
            Loss::UrlInvalid,
            req.request,
            format!("the request '{}' has no URL; it is skipped", req.name),
        );
        return None;
    };
    let method_node = req.request.get("method");
    let method = method_node.and_then(Value::as_str).unwrap_or("GET").trim().to_ascii_lowercase();
    if !METHODS.contains(&method.as_str()) {
        report
            .add(
                Loss::MethodUnsupported,
                method_node.unwrap_or(req.request),
                format!(
                    "the method {} of '{}' has no place in Swagger 2.0; the request is skipped",
                    method.to_ascii_uppercase(),
                    req.name
                ),
            )
            .set_help("connectors support GET, PUT, POST, DELETE, PATCH, HEAD and OPTIONS");
        return None;
    }
    let origin = url::origin(&url, &collection.variables);
    let scheme_token = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    };
    if let Some(protocol) = url.protocol.as_deref().filter(|p| !scheme_token(p)) {
        report.add(Loss::UrlInvalid, url.node, format!("the URL of '{}' cannot be parsed (its protocol is `{protocol}`); the request is skipped", req.name))
            .set_help("write the request's URL in full in Postman (a placeholder text is not a URL)");
        return None;
    }
    if let Some(scheme) = origin.scheme.as_deref().filter(|s| !matches!(*s, "http" | "https")) {
        report.add(Loss::UrlInvalid, url.node, format!("the request '{}' uses the scheme `{scheme}`; connectors call HTTP(S) APIs only, so it is skipped", req.name));
        return None;
    }
    let usage = match req.auth {
        Some(node) => auth::read(node, &collection.variables).ok().map(|scheme| Usage {
            scheme,
            node,
            from_header: false,
        }),
        None => params::headers(req.request).into_iter().filter(|h| !h.disabled).find_map(|h| {
            auth::from_header(&h.key, &h.value).map(|scheme| Usage {
                scheme,
                node: h.node,
                from_header: true,
            })
        }),
    };
    Some(Prepared { req, url, method, origin, usage })
}

/// The path template of a request relative to the connector's base URL, its path
/// parameters, and where the request calls when that is not under the base URL.
fn path_of<'a>(
    p: &Prepared<'_, 'a>,
    base: &Base,
    collection: &Collection<'_>,
) -> (String, Vec<url::PathParam<'a>>, Option<String>) {
    let mut segments: Vec<String> =
        p.origin.base_path.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect();
    segments.extend(p.url.path.iter().cloned());
    let base_segments: Vec<&str> =
        base.origin.base_path.split('/').filter(|s| !s.is_empty()).collect();
    let same_host = p.origin.host == base.origin.host;
    let under_base = same_host
        && segments.len() >= base_segments.len()
        && segments.iter().zip(&base_segments).all(|(a, b)| a == b);
    let other = if under_base {
        segments.drain(..base_segments.len());
        None
    } else {
        Some(format!("{}{}", p.origin.host, p.origin.base_path))
    };
    let (template, params) = url::path_template(&segments, &p.url.variables, &collection.variables);
    (template, params, other)
}

/// `/items/{id}` → `/items/{}` (lowercased with `fold_case`): the key SW053 compares.
fn normalize(template: &str, fold_case: bool) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            c if fold_case => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// The parameter names of a template, in order.
fn template_names(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

fn operation(
    p: &Prepared<'_, '_>,
    template: &str,
    path_params: &[url::PathParam<'_>],
    scheme: Option<&Scheme>,
    collection: &Collection<'_>,
    names_taken: &mut Taken,
    report: &mut Report<'_>,
) -> Json {
    let headers = params::headers(p.req.request);
    let (header_params, facts) = params::header_parameters(&headers, scheme, report);
    let body = body::read(p.req.request, &p.method, facts.content_type.as_deref(), report);
    let responses = responses::read(p.req.item, report);
    let mut parameters = params::path_parameters(path_params);
    parameters.extend(params::query_parameters(&p.url.query, scheme, report));
    parameters.extend(header_params);
    parameters.extend(body.params);

    let summary = names::unique_summary(
        &names::summary(&p.req.name, &p.method, template),
        &p.method,
        &mut names_taken.summaries,
    );
    let id =
        names::unique(&names::operation_id(&summary, &p.method, template), &mut names_taken.ids);
    let mut op = Map::new();
    let mut tags: Vec<&str> = Vec::new();
    for &f in &p.req.folders {
        let name = collection.folders[f].name.as_str();
        if !tags.contains(&name) {
            tags.push(name);
        }
    }
    if !tags.is_empty() {
        op.insert("tags".into(), json!(tags));
    }
    op.insert("summary".into(), json!(summary));
    let described = description(p.req.request.get("description"))
        .or_else(|| description(p.req.item.get("description")));
    if let Some(d) = described {
        op.insert("description".into(), json!(d));
    }
    op.insert("operationId".into(), json!(id));
    if let Some(consumes) = body.consumes {
        op.insert("consumes".into(), json!([consumes]));
    }
    if let Some(produces) = facts.accept.or(responses.produces) {
        op.insert("produces".into(), json!([produces]));
    }
    if !parameters.is_empty() {
        op.insert("parameters".into(), Json::Array(parameters));
    }
    op.insert("responses".into(), responses.responses);
    Json::Object(op)
}
