//! Fixtures for change-kind tests: a small connector (list, create, get, a webhook trigger; a
//! body with a nested object; responses through `$ref`s, one of them recursive) and helpers to
//! edit a copy of it and run one kind.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use serde_json::{Value, json};
use switchboard_model::Connector;

use super::{Change, ChangeKind, DiffReport, diff, diff_with};

/// One version of the fixture connector.
#[derive(Clone, Debug)]
pub struct Version {
    /// The swagger.
    pub swagger: Value,
    /// apiProperties.json.
    pub properties: Value,
}

/// The base version.
pub fn base() -> Version {
    let swagger = json!({
        "swagger": "2.0",
        "info": {"title": "Taskforge", "description": "Plan and track tasks.", "version": "1.0"},
        "host": "api.taskforge.io",
        "basePath": "/v1",
        "schemes": ["https"],
        "paths": {
            "/tasks": {
                "get": {
                    "operationId": "ListTasks",
                    "summary": "List tasks",
                    "description": "Lists the tasks.",
                    "parameters": [
                        {"name": "status", "in": "query", "type": "string", "enum": ["open", "done"],
                         "x-ms-summary": "Status", "description": "Only tasks with this status."},
                        {"name": "top", "in": "query", "type": "integer", "format": "int32",
                         "default": 20, "x-ms-summary": "Top", "x-ms-visibility": "advanced"}
                    ],
                    "responses": {"200": {"description": "The tasks.", "schema": {
                        "type": "object",
                        "properties": {"value": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}
                    }}}
                },
                "post": {
                    "operationId": "CreateTask",
                    "summary": "Create a task",
                    "description": "Creates a task.",
                    "x-ms-visibility": "important",
                    "parameters": [{"name": "body", "in": "body", "required": true,
                                    "schema": {"$ref": "#/definitions/NewTask"}}],
                    "responses": {"201": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}}}
                }
            },
            "/tasks/{taskId}": {
                "get": {
                    "operationId": "GetTask",
                    "summary": "Get a task",
                    "description": "Returns one task.",
                    "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string",
                                    "x-ms-summary": "Task ID"}],
                    "responses": {"200": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}}}
                }
            },
            "/hooks": {
                "post": {
                    "operationId": "OnTaskCreated",
                    "summary": "When a task is created",
                    "description": "Triggers when a task is created.",
                    "x-ms-trigger": "single",
                    "parameters": [{"name": "body", "in": "body", "required": true, "schema": {
                        "type": "object",
                        "properties": {"notificationUrl": {"type": "string", "x-ms-notification-url": true,
                                                           "x-ms-visibility": "internal"}}
                    }}],
                    "responses": {"201": {"description": "Subscribed."}},
                    "x-ms-notification-content": {"schema": {"$ref": "#/definitions/Task"}}
                }
            }
        },
        "definitions": {
            "Task": {"type": "object", "properties": {
                "id": {"type": "string"},
                "title": {"type": "string", "x-ms-summary": "Title", "description": "The title."},
                "due": {"type": "string", "format": "date-time"},
                "parent": {"$ref": "#/definitions/Task"},
                "owner": {"$ref": "#/definitions/User"}
            }},
            "User": {"type": "object", "properties": {"name": {"type": "string"}}},
            "NewTask": {"type": "object", "required": ["title"], "properties": {
                "title": {"type": "string", "x-ms-summary": "Title"},
                "priority": {"type": "integer", "enum": [1, 2, 3]},
                "details": {"type": "object", "properties": {"notes": {"type": "string"}}}
            }}
        },
        "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "security": [{"api_key": []}]
    });
    let properties = json!({"properties": {
        "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {
            "displayName": "API Key", "description": "Your API key.", "tooltip": "Your API key.",
            "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
        }}},
        "iconBrandColor": "#3A5F8C",
        "capabilities": [],
        "publisher": "Taskforge Inc.",
        "stackOwner": "Taskforge Inc."
    }});
    Version { swagger, properties }
}

impl Version {
    /// Sets the swagger value at `pointer` (its parent must exist).
    #[must_use]
    pub fn set(self, pointer: &str, value: Value) -> Self {
        self.edit("swagger", pointer, Some(value))
    }

    /// Removes the swagger value at `pointer`.
    #[must_use]
    pub fn remove(self, pointer: &str) -> Self {
        self.edit("swagger", pointer, None)
    }

    /// Sets the apiProperties value at `pointer` (its parent must exist).
    #[must_use]
    pub fn set_properties(self, pointer: &str, value: Value) -> Self {
        self.edit("properties", pointer, Some(value))
    }

    /// Removes the apiProperties value at `pointer`.
    #[must_use]
    pub fn remove_properties(self, pointer: &str) -> Self {
        self.edit("properties", pointer, None)
    }

    fn edit(mut self, file: &str, pointer: &str, value: Option<Value>) -> Self {
        let doc = if file == "swagger" { &mut self.swagger } else { &mut self.properties };
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let last = last.replace("~1", "/").replace("~0", "~");
        let parent = doc.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
        match (parent, value) {
            (Value::Object(o), Some(v)) => {
                o.insert(last, v);
            }
            (Value::Object(o), None) => {
                o.remove(&last).unwrap_or_else(|| panic!("no {pointer}"));
            }
            (Value::Array(a), Some(v)) if last == "-" => a.push(v),
            (Value::Array(a), Some(v)) => a[last.parse::<usize>().unwrap()] = v,
            (Value::Array(a), None) => {
                a.remove(last.parse::<usize>().unwrap());
            }
            _ => panic!("{pointer}: parent is not a container"),
        }
        self
    }

    /// The connector (in memory) at `dir`.
    pub fn connector(&self, dir: &str) -> Connector {
        let files = vec![
            ("apiDefinition.swagger.json".to_string(), self.swagger.to_string().into_bytes()),
            ("apiProperties.json".to_string(), self.properties.to_string().into_bytes()),
        ];
        Connector::from_files(Path::new(dir), files)
    }
}

/// The changes `kind` finds from the base to `new`.
pub fn detect(kind: &'static dyn ChangeKind, new: &Version) -> Vec<Change> {
    detect_between(kind, &base(), new)
}

/// The changes `kind` finds from `old` to `new`.
pub fn detect_between(kind: &'static dyn ChangeKind, old: &Version, new: &Version) -> Vec<Change> {
    diff_with(&[kind], &old.connector("old"), &new.connector("new")).unwrap().changes
}

/// Every change from `old` to `new`.
pub fn report(old: &Version, new: &Version) -> DiffReport {
    diff(&old.connector("old"), &new.connector("new")).unwrap()
}

/// The value paths of `changes`.
pub fn paths(changes: &[Change]) -> Vec<&str> {
    changes.iter().map(|c| c.path.as_str()).collect()
}
