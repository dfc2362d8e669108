//! Fixtures for rule tests: a complete connector that passes every rule under the
//! certification profile, and helpers to patch it and run one rule.

// Patches are passed by value so tests can write `check_swagger(&R, json!({...}))`.
#![allow(clippy::needless_pass_by_value)]

pub mod package;

use std::path::Path;

use serde_json::{Value, json};
use switchboard_diagnostics::Diagnostic;
use switchboard_model::Connector;

use crate::{Linter, Profile, Rule};

/// A swagger that passes every rule.
pub fn base_swagger() -> Value {
    json!({
        "swagger": "2.0",
        "info": {
            "title": "Taskforge",
            "description": "Taskforge helps teams plan their work. Create, update and track tasks across projects.",
            "version": "1.0",
            "contact": {"name": "Taskforge Support", "url": "https://www.taskforge.io/support", "email": "support@taskforge.io"}
        },
        "host": "api.taskforge.io",
        "basePath": "/v1",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": {
            "/tasks/{taskId}": {
                "get": {
                    "operationId": "GetTask",
                    "summary": "Get a task",
                    "description": "Returns the task with the given identifier.",
                    "x-ms-visibility": "important",
                    "parameters": [{
                        "name": "taskId", "in": "path", "required": true, "type": "string",
                        "x-ms-summary": "Task ID", "description": "The identifier of the task.",
                        "x-ms-url-encoding": "single"
                    }],
                    "responses": {"200": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}}}
                }
            },
            "/tasks": {
                "post": {
                    "operationId": "CreateTask",
                    "summary": "Create a task",
                    "description": "Creates a new task in a project.",
                    "x-ms-visibility": "important",
                    "parameters": [{
                        "name": "body", "in": "body", "required": true,
                        "x-ms-summary": "Task", "description": "The task to create.",
                        "schema": {"$ref": "#/definitions/NewTask"}
                    }],
                    "responses": {"201": {"description": "The created task.", "schema": {"$ref": "#/definitions/Task"}}}
                }
            }
        },
        "definitions": {
            "Task": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "x-ms-summary": "Task ID", "description": "The identifier of the task."},
                    "title": {"type": "string", "x-ms-summary": "Title", "description": "The title of the task."}
                }
            },
            "NewTask": {
                "type": "object",
                "required": ["title"],
                "properties": {
                    "title": {"type": "string", "x-ms-summary": "Title", "description": "The title of the task."}
                }
            }
        },
        "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "security": [{"api_key": []}],
        "tags": [],
        "x-ms-connector-metadata": [
            {"propertyName": "Website", "propertyValue": "https://www.taskforge.io"},
            {"propertyName": "Privacy policy", "propertyValue": "https://www.taskforge.io/privacy"},
            {"propertyName": "Categories", "propertyValue": "Productivity;Collaboration"}
        ]
    })
}

/// An apiProperties.json that passes every rule.
pub fn base_properties() -> Value {
    json!({
        "properties": {
            "connectionParameters": {
                "api_key": {
                    "type": "securestring",
                    "uiDefinition": {
                        "displayName": "API Key",
                        "description": "The API key of your Taskforge account.",
                        "tooltip": "Provide your API key",
                        "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
                    }
                }
            },
            "iconBrandColor": "#3A5F8C",
            "capabilities": [],
            "publisher": "Taskforge Inc.",
            "stackOwner": "Taskforge Inc."
        }
    })
}

/// A readme.md following the certified-connector template.
pub const BASE_README: &str = "# Taskforge

Taskforge helps teams plan their work. This connector lets you create and read tasks.

## Publisher: Taskforge Inc.

## Prerequisites

You need a Taskforge account on any plan.

## Supported Operations

### Get a task
Returns the task with the given identifier (GetTask).

### Create a task
Creates a new task in a project (CreateTask).

## Obtaining Credentials

Create an API key under Settings, API keys in your Taskforge account.

## Known Issues and Limitations

Attachments are not supported yet.

## Deployment Instructions

Run `paconn create` with the files of this folder.
";

/// An intro.md following the documentation template.
pub const BASE_INTRO: &str =
    "Taskforge is a task planner for small teams that want a clear view of who does what.

## Prerequisites

A Taskforge account.

## How to get credentials

Create an API key under Settings, API keys.

## Get started with your connector

Create a connection with your API key, then add an action to a flow.

## Known issues and limitations

Attachments are not supported yet.

## Common errors and remedies

401: the API key was revoked; create a new one.

## FAQ

### Is there a free plan?
Yes.
";

/// A 230×230 opaque PNG filled with the brand colour `#3A5F8C`.
pub fn base_icon() -> Vec<u8> {
    solid_png(230, 230, [0x3A, 0x5F, 0x8C, 0xFF], png::ColorType::Rgb)
}

/// A solid PNG of the given size and colour; `color` decides whether alpha is written.
pub fn solid_png(width: u32, height: u32, rgba: [u8; 4], color: png::ColorType) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("png header");
        let px: &[u8] = if color == png::ColorType::Rgba { &rgba } else { &rgba[..3] };
        let data: Vec<u8> =
            px.iter().copied().cycle().take(px.len() * (width * height) as usize).collect();
        w.write_image_data(&data).expect("png data");
    }
    out
}

/// RFC 7396 merge patch: objects merge recursively, `null` removes a key, anything else replaces.
pub fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    b.remove(k);
                } else {
                    merge(b.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// Builds a connector from the base files, with `swagger_patch` and `properties_patch` merged in.
pub struct Fixture {
    files: Vec<(String, Vec<u8>)>,
}

impl Fixture {
    /// The complete base connector.
    pub fn new() -> Self {
        let mut f = Fixture { files: Vec::new() };
        f.set_json("apiDefinition.swagger.json", &base_swagger());
        f.set_json("apiProperties.json", &base_properties());
        f.set("readme.md", BASE_README.as_bytes().to_vec());
        f.set("intro.md", BASE_INTRO.as_bytes().to_vec());
        f.set("icon.png", base_icon());
        f
    }

    /// Sets a file's bytes.
    pub fn set(&mut self, name: &str, bytes: Vec<u8>) -> &mut Self {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), bytes));
        self
    }

    /// Sets a JSON file, pretty-printed with 4 spaces.
    pub fn set_json(&mut self, name: &str, value: &Value) -> &mut Self {
        self.set(name, switchboard_model::json::to_pretty_string(value).into_bytes())
    }

    /// Removes a file.
    pub fn remove(&mut self, name: &str) -> &mut Self {
        self.files.retain(|(n, _)| n != name);
        self
    }

    /// Merges a patch into the swagger.
    pub fn swagger(&mut self, patch: Value) -> &mut Self {
        let mut s = base_swagger();
        if let Some((_, bytes)) = self.files.iter().find(|(n, _)| n == "apiDefinition.swagger.json")
        {
            s = serde_json::from_slice(bytes).unwrap_or(s);
        }
        merge(&mut s, &patch);
        self.set_json("apiDefinition.swagger.json", &s)
    }

    /// Merges a patch into apiProperties.json.
    pub fn properties(&mut self, patch: Value) -> &mut Self {
        let mut s = base_properties();
        if let Some((_, bytes)) = self.files.iter().find(|(n, _)| n == "apiProperties.json") {
            s = serde_json::from_slice(bytes).unwrap_or(s);
        }
        merge(&mut s, &patch);
        self.set_json("apiProperties.json", &s)
    }

    /// The connector, as a folder named `fixture`.
    pub fn build(&self) -> Connector {
        Connector::from_files(Path::new("fixture"), self.files.clone())
    }

    /// The connector as a folder at `dir` (to test folder-dependent profiles).
    pub fn build_at(&self, dir: &str) -> Connector {
        Connector::from_files(Path::new(dir), self.files.clone())
    }
}

/// Runs one rule under the certification profile.
pub fn check(rule: &'static dyn Rule, connector: &Connector) -> Vec<Diagnostic> {
    check_with(rule, connector, Profile::Certification)
}

/// Runs one rule under `profile`.
pub fn check_with(
    rule: &'static dyn Rule,
    connector: &Connector,
    profile: Profile,
) -> Vec<Diagnostic> {
    Linter::with_rules(profile, vec![rule]).lint(connector)
}

/// Runs one rule on the base connector with a swagger patch.
pub fn check_swagger(rule: &'static dyn Rule, patch: Value) -> Vec<Diagnostic> {
    check(rule, &Fixture::new().swagger(patch).build())
}

/// Runs one rule on the base connector with an apiProperties patch.
pub fn check_properties(rule: &'static dyn Rule, patch: Value) -> Vec<Diagnostic> {
    check(rule, &Fixture::new().properties(patch).build())
}

/// The pointers of a list of diagnostics.
pub fn pointers(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.location.pointer.as_str()).collect()
}

#[test]
fn base_connector_passes_every_rule_under_every_profile() {
    let c = Fixture::new().build();
    for profile in [Profile::Default, Profile::Certification] {
        let diags = Linter::new(profile).lint(&c);
        assert!(diags.is_empty(), "{profile:?}: {diags:#?}");
    }
}

#[test]
fn base_package_runs_every_rule() {
    let c = package::PackageFixture::new().build();
    for profile in [Profile::Default, Profile::Certification] {
        let diags = Linter::new(profile).lint(&c);
        assert!(diags.is_empty(), "{profile:?}: {diags:#?}");
    }
}
