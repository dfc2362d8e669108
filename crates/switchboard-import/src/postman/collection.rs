//! The collection: version check, variables, and the walk over nested folders that yields
//! every request with its folders and its effective auth.

use std::collections::BTreeMap;

use switchboard_model::json::Value;

use super::report::{Loss, Report};

/// Why a document is not a collection the importer reads.
pub(crate) struct NotACollection<'a> {
    /// One sentence.
    pub message: String,
    /// Where (the root when nothing more precise applies).
    pub node: &'a Value,
}

/// A folder of the collection.
pub(crate) struct Folder<'a> {
    /// Its name (the tag operations inside it carry).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Its `event` member (scripts).
    pub events: Option<&'a Value>,
}

/// One request of the collection.
pub(crate) struct RequestItem<'a> {
    /// The item (holds `name`, `request`, `response`, `event`).
    pub item: &'a Value,
    /// The `request` member: an object, or a URL string (v2.0 allows it).
    pub request: &'a Value,
    /// The item's name.
    pub name: String,
    /// Indices into [`Collection::folders`], outermost first.
    pub folders: Vec<usize>,
    /// The auth in effect after inheritance; `None` for no auth.
    pub auth: Option<&'a Value>,
}

/// A parsed collection.
pub(crate) struct Collection<'a> {
    /// `info.name`.
    pub name: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version` (a string, or v2.0's `{major, minor, patch}`).
    pub api_version: Option<String>,
    /// Collection variables that have a value.
    pub variables: BTreeMap<String, String>,
    /// Collection variables declared without a value (for locating diagnostics).
    pub empty_variables: BTreeMap<String, &'a Value>,
    /// The root `event` member.
    pub events: Option<&'a Value>,
    /// Every folder, in document order.
    pub folders: Vec<Folder<'a>>,
    /// Every request, in document order.
    pub requests: Vec<RequestItem<'a>>,
}

/// The text of a Postman description: a string, or `{content, type}`.
pub(crate) fn description(node: Option<&Value>) -> Option<String> {
    let node = node?;
    let text = node.as_str().or_else(|| node.get_str("content"))?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl<'a> Collection<'a> {
    /// Reads the collection rooted at `root`; items that are neither folders nor requests are
    /// reported and skipped.
    pub(crate) fn read(
        root: &'a Value,
        report: &mut Report<'_>,
    ) -> Result<Self, NotACollection<'a>> {
        let fail =
            |message: &str, node: &'a Value| NotACollection { message: message.into(), node };
        if root.as_object().is_none() {
            return Err(fail("a Postman collection is a JSON object", root));
        }
        let info = root.get("info");
        let schema = info.and_then(|i| i.get_str("schema")).unwrap_or_default();
        // v2.0 and v2.1 differ in details (auth attributes as an object or a key/value list,
        // URLs as strings or objects) that every reader below accepts in both forms.
        let supported = schema.contains("/v2.0")
            || schema.contains("/v2.1")
            || (schema.is_empty() && root.get("item").is_some());
        if !supported {
            return Err(unsupported(root, info, schema));
        }
        let items = match root.get("item") {
            Some(items) if items.as_array().is_some() => items,
            Some(other) => {
                return Err(fail("`item` must be a list of folders and requests", other));
            }
            None => return Err(fail("the collection has no `item` list", root)),
        };
        let name = info
            .and_then(|i| i.get_str("name"))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("Postman collection")
            .to_string();
        let mut collection = Collection {
            name,
            description: description(info.and_then(|i| i.get("description"))),
            api_version: info.and_then(|i| i.get("version")).and_then(version_text),
            variables: BTreeMap::new(),
            empty_variables: BTreeMap::new(),
            events: root.get("event"),
            folders: Vec::new(),
            requests: Vec::new(),
        };
        collection.read_variables(root.get("variable"));
        let auth = OwnAuth::of(root.get("auth")).or(None);
        collection.walk(items, &[], auth, report);
        Ok(collection)
    }

    fn read_variables(&mut self, node: Option<&'a Value>) {
        for var in node.into_iter().flat_map(Value::items) {
            let Some(key) = var.get_str("key").or_else(|| var.get_str("id")) else { continue };
            if var.get_bool("disabled") == Some(true) {
                continue;
            }
            let value = match var.get("value") {
                Some(v) => match v.as_str() {
                    Some(s) => s.to_string(),
                    None if v.is_null() => String::new(),
                    // Numbers and booleans are written as text in URLs.
                    None => v.as_number_text().map_or_else(
                        || v.as_bool().map(|b| b.to_string()).unwrap_or_default(),
                        str::to_string,
                    ),
                },
                None => String::new(),
            };
            if value.trim().is_empty() {
                self.empty_variables.entry(key.to_string()).or_insert(var);
            } else {
                self.variables.insert(key.to_string(), value);
            }
        }
    }

    fn walk(
        &mut self,
        items: &'a Value,
        folders: &[usize],
        auth: Option<&'a Value>,
        report: &mut Report<'_>,
    ) {
        for item in items.items() {
            let name = item.get_str("name").map(str::trim).unwrap_or_default().to_string();
            if let Some(children) = item.get("item").filter(|c| c.as_array().is_some()) {
                let index = self.folders.len();
                self.folders.push(Folder {
                    name: if name.is_empty() { format!("Folder {}", index + 1) } else { name },
                    description: description(item.get("description")),
                    events: item.get("event"),
                });
                let inner = OwnAuth::of(item.get("auth")).or(auth);
                let mut path = folders.to_vec();
                path.push(index);
                self.walk(children, &path, inner, report);
            } else if let Some(request) =
                item.get("request").filter(|r| r.as_object().is_some() || r.as_str().is_some())
            {
                let own = OwnAuth::of(request.get("auth"));
                self.requests.push(RequestItem {
                    item,
                    request,
                    name,
                    folders: folders.to_vec(),
                    auth: own.or(auth),
                });
            } else {
                report.add(
                    Loss::NotARequest,
                    item,
                    format!(
                        "the item '{name}' is neither a folder (no `item` list) nor a request (no `request`); it is skipped"
                    ),
                );
            }
        }
    }
}

/// The auth an object sets itself.
enum OwnAuth<'a> {
    /// Absent, `null` or `"inherit"`: the parent's applies.
    Inherit,
    /// `noauth`.
    NoAuth,
    /// An auth object.
    Auth(&'a Value),
}

impl<'a> OwnAuth<'a> {
    fn of(node: Option<&'a Value>) -> Self {
        let Some(node) = node.filter(|n| n.as_object().is_some()) else { return OwnAuth::Inherit };
        match node.get_str("type") {
            None | Some("inherit") => OwnAuth::Inherit,
            Some("noauth") => OwnAuth::NoAuth,
            Some(_) => OwnAuth::Auth(node),
        }
    }

    /// The auth in effect, given the parent's.
    fn or(self, parent: Option<&'a Value>) -> Option<&'a Value> {
        match self {
            OwnAuth::Inherit => parent,
            OwnAuth::NoAuth => None,
            OwnAuth::Auth(node) => Some(node),
        }
    }
}

/// `info.version` as text.
/// Why a document that is not a collection v2.x is not one.
fn unsupported<'a>(root: &'a Value, info: Option<&'a Value>, schema: &str) -> NotACollection<'a> {
    let at_schema = info.and_then(|i| i.get("schema")).unwrap_or(root);
    let (message, node) = if schema.contains("/v1") || root.get("requests").is_some() {
        (
            "this is a Postman collection v1; export it from Postman as v2.1 and import again",
            at_schema,
        )
    } else if root.get("openapi").is_some() || root.get("swagger").is_some() {
        (
            "this is an OpenAPI/Swagger document, not a Postman collection: use `import openapi` or `import swagger`",
            root,
        )
    } else {
        (
            "not a Postman collection v2.0 or v2.1 (no `info.schema` naming one, no `item` list)",
            at_schema,
        )
    };
    NotACollection { message: message.into(), node }
}

fn version_text(node: &Value) -> Option<String> {
    if let Some(s) = node.as_str() {
        return (!s.trim().is_empty()).then(|| s.trim().to_string());
    }
    let part = |k: &str| node.get(k).and_then(Value::as_number_text).map(str::to_string);
    let (major, minor, patch) = (part("major")?, part("minor")?, part("patch")?);
    Some(format!("{major}.{minor}.{patch}"))
}
