//! JSON Schema validation behind SCH001/SCH002: the repository schemas of
//! microsoft/PowerPlatformConnectors (`schemas/apiDefinition.swagger.schema.json`, draft-04,
//! and `schemas/paconn-apiProperties.schema.json`, draft-07), found by walking up from the
//! connector's folder as in a checkout of that repository, loaded and compiled once per
//! process.
//!
//! The validator is written here rather than taken from a crate: the `jsonschema` crate (even
//! without default features) roughly doubles a clean release build of the CLI on a 2-core
//! machine, and validating our spanned tree directly avoids converting every swagger into a
//! `serde_json::Value`. It implements the keywords the two schemas use — `$ref` (local, and
//! the draft-04 meta-schema definitions the swagger schema refers to), `type`, `enum`,
//! `const`, `required`, `properties`, `patternProperties`, `additionalProperties`, `items`,
//! `additionalItems`, `minItems`, `maxItems`, `uniqueItems`, `minProperties`,
//! `maxProperties`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum` (with draft-04
//! boolean and draft-07 numeric exclusive bounds), `multipleOf`, `allOf`, `anyOf`, `oneOf`,
//! `not` — and, like most validators by default, treats `format` as an annotation. Other
//! keywords are ignored. Patterns are ECMA-262; the one construct the regex crate lacks, a
//! negative lookahead `(?!…)` after an anchored prefix (`^x-(?!ms-)`), is evaluated as "the
//! pattern without it matches and the prefix followed by its content does not".

mod compile;
mod optimize;
#[cfg(test)]
pub(super) mod tests;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use switchboard_model::Origin;

use self::compile::CompiledSchema;
use crate::Context;

/// The swagger schema's file name in the repository's `schemas/` folder.
pub(super) const SWAGGER_SCHEMA: &str = "apiDefinition.swagger.schema.json";
/// The apiProperties schema's file name in the repository's `schemas/` folder.
pub(super) const PROPERTIES_SCHEMA: &str = "paconn-apiProperties.schema.json";
/// Findings per file beyond which the rest are summarised in one diagnostic.
const MAX_PER_FILE: usize = 25;
/// The message for a value matching a `not` schema (reported only when nothing more specific
/// is said about the same value).
const NOT_MESSAGE: &str = "The value has a form that is not allowed here";
/// The base URI of the draft-04 meta-schema, whose definitions the swagger schema reuses.
const DRAFT4: &str = "http://json-schema.org/draft-04/schema#";

/// The parts of the draft-04 meta-schema (json-schema.org) that schemas reference.
const DRAFT4_FRAGMENTS: &str = r##"{
    "definitions": {
        "positiveInteger": {"type": "integer", "minimum": 0},
        "positiveIntegerDefault0": {"allOf": [{"$ref": "#/definitions/positiveInteger"}, {"default": 0}]},
        "simpleTypes": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]},
        "stringArray": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true}
    },
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "default": {},
        "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
        "maximum": {"type": "number"},
        "exclusiveMaximum": {"type": "boolean", "default": false},
        "minimum": {"type": "number"},
        "exclusiveMinimum": {"type": "boolean", "default": false},
        "maxLength": {"$ref": "#/definitions/positiveInteger"},
        "minLength": {"$ref": "#/definitions/positiveIntegerDefault0"},
        "pattern": {"type": "string", "format": "regex"},
        "maxItems": {"$ref": "#/definitions/positiveInteger"},
        "minItems": {"$ref": "#/definitions/positiveIntegerDefault0"},
        "uniqueItems": {"type": "boolean", "default": false},
        "required": {"$ref": "#/definitions/stringArray"},
        "enum": {"type": "array", "minItems": 1, "uniqueItems": true},
        "type": {"anyOf": [
            {"$ref": "#/definitions/simpleTypes"},
            {"type": "array", "items": {"$ref": "#/definitions/simpleTypes"}, "minItems": 1, "uniqueItems": true}
        ]}
    }
}"##;

/// Compiled schemas by file path (`None`: not found or not loadable), and the schema each
/// directory resolves to by walking up.
struct Cache {
    files: HashMap<PathBuf, Option<Arc<CompiledSchema>>>,
    dirs: HashMap<(PathBuf, &'static str), Option<Arc<CompiledSchema>>>,
}

static CACHE: LazyLock<Mutex<Cache>> =
    LazyLock::new(|| Mutex::new(Cache { files: HashMap::new(), dirs: HashMap::new() }));

/// The schema `file` in the nearest `schemas/` folder at or above the connector's folder.
fn find_schema(origin: &Origin, file: &'static str) -> Option<Arc<CompiledSchema>> {
    let start = match origin {
        Origin::Folder(dir) => dir.as_path(),
        Origin::Zip(p) | Origin::DefinitionFile(p) | Origin::Package(p) => p.parent()?,
    };
    // Lexically, not `fs::canonicalize`, which resolved every component's links: 6,375
    // `readlink` calls on a corpus run (`strace -f -c`), for two lookups per connector.
    let start = switchboard_model::connector::absolute(start);
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    lookup_dir(&mut cache, &start, file)
}

fn lookup_dir(cache: &mut Cache, dir: &Path, file: &'static str) -> Option<Arc<CompiledSchema>> {
    let key = (dir.to_path_buf(), file);
    if let Some(hit) = cache.dirs.get(&key) {
        return hit.clone();
    }
    let candidate = dir.join("schemas").join(file);
    let found = if candidate.is_file() {
        cache
            .files
            .entry(candidate.clone())
            .or_insert_with(|| {
                std::fs::read(&candidate)
                    .ok()
                    .and_then(|b| CompiledSchema::compile(&b))
                    .map(Arc::new)
            })
            .clone()
    } else {
        match dir.parent() {
            Some(parent) if parent != dir && !parent.as_os_str().is_empty() => {
                lookup_dir(cache, parent, file)
            }
            _ => None,
        }
    };
    cache.dirs.insert(key, found.clone());
    found
}

/// Which file a SCH rule validates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Swagger,
    Properties,
}

/// Validates the target file against its repository schema and reports each violation.
pub(super) fn report(cx: &mut Context<'_>, target: Target) {
    let connector = cx.connector();
    let (file, schema_name) = match target {
        Target::Swagger => (connector.swagger.as_ref().map(|f| &f.file), SWAGGER_SCHEMA),
        Target::Properties => (connector.properties.as_ref().map(|f| &f.file), PROPERTIES_SCHEMA),
    };
    let Some(file) = file else { return };
    let Some(root) = file.root() else { return };
    let Some(schema) = find_schema(&connector.origin, schema_name) else { return };
    let violations = schema.validate(root);
    for v in violations.iter().take(MAX_PER_FILE) {
        cx.report_in(&file.source, Some(root), v.span, v.message.clone())
            .set_help(format!("the repository schema schemas/{schema_name} is stricter than the platform; fix the file or ignore this warning if the platform accepts it"));
    }
    if let Some(next) = violations.get(MAX_PER_FILE) {
        let rest = violations.len() - MAX_PER_FILE;
        cx.report_in(
            &file.source,
            Some(root),
            next.span,
            format!("{rest} more violations of schemas/{schema_name} in this file"),
        );
    }
}
