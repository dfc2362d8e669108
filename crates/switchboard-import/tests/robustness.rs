//! Odd and broken OpenAPI 3 and Swagger 2.0 documents: the importers never panic, and what
//! they write has no error-level finding under the default profile.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use switchboard_diagnostics::Severity;
use switchboard_import::{ImportOptions, openapi3, swagger2};
use switchboard_lint::{Linter, Profile};

const OPENAPI: &[&str] = &[
    "openapi: 3.0.0",
    "openapi: 3.0.0\npaths: []\n",
    "openapi: 3.0.0\ninfo: 5\npaths: {'/a': 5, 'b': {get: {}}, '/c': {get: 5, post: {responses: 5}}}\n",
    "openapi: 3.1.0\ninfo: {title: ''}\nservers: [{url: ''}, 5, {url: '{x}://{y}'}]\npaths: {'/a/{id}': {get: {parameters: [5, {name: id}, {$ref: '#/nope'}], responses: {'2XX': {description: ok}, '2xx': {}, '999': {}, default: {description: d, content: {'*/*': {}}}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/a': {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/a': {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}, responses: {'200': {description: ok}}}}}\ncomponents: {schemas: {Node: {type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}, inline: {$ref: '#/components/schemas/Node/properties/children'}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/Items': {get: {responses: {'200': {description: ok}}}}, '/items': {post: {responses: {'200': {description: ok}}}}, '/x/{a}': {get: {responses: {'200': {description: ok}}}}, '/x/{b}': {get: {responses: {'200': {description: ok}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/a': {get: {operationId: x, parameters: [{name: q, in: query, content: {application/json: {schema: {type: object}}}}, {name: h, in: header, schema: {type: array, items: {type: object}}}, {name: connectionId, in: query, schema: {type: string}}], responses: {'200': {description: ok}}}, post: {operationId: x, requestBody: {content: {multipart/form-data: {schema: {type: string}}}}, responses: {'200': {description: ok}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/a': {get: {responses: {'200': {description: ok, content: {application/json: {schema: {type: object, required: [a, b], properties: {a: {type: string, enum: [], minLength: 5, maxLength: 1, exclusiveMinimum: true}, b: {type: array}, c: {type: [null]}, d: {allOf: [{oneOf: [{type: string}, {type: integer}]}]}, e: {discriminator: {propertyName: kind}, properties: {kind: {type: integer}}}, f: {type: file}}}}}}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\ncomponents: {securitySchemes: {a: {type: oauth2, flows: {}}, b: {type: http, scheme: digest}, c: {type: oauth2, flows: {password: {tokenUrl: 'https://x.io/token', scopes: {}}}}}}\nsecurity: [{a: []}, {c: [s]}]\npaths: {'/a': {get: {security: [{}], responses: {'200': {description: ok}}}}}\n",
    "openapi: 3.0.0\ninfo: {title: T, version: 1}\npaths: {'/a': {post: {parameters: [{name: cb, in: query, schema: {type: string}}], callbacks: {e: {'{$request.query.cb}': {post: {requestBody: {content: {application/json: {schema: {type: object}}}}}}}, f: {'https://static': {}}, g: {$ref: '#/x'}}, responses: {'200': {description: ok}}}, put: {callbacks: {e: {'{$request.body#/a/b}': {post: {}}}}, responses: {'200': {description: ok}}}}}\n",
    "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}},}}",
];

const SWAGGER: &[&str] = &[
    "swagger: '2.0'",
    "{\"swagger\": \"2.0\", \"paths\": 5, \"definitions\": [], \"securityDefinitions\": {\"a\": 5}, \"security\": 5}",
    "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"host\": \"{tenant}.x.io\", \"basePath\": \"v1/\", \"schemes\": [\"ws\"], \"paths\": {\"/a/{b}\": {\"get\": {\"parameters\": [{\"in\": \"path\", \"name\": \"c\", \"type\": \"string\"}, {\"in\": \"query\", \"name\": \"d\", \"type\": \"file\", \"collectionFormat\": \"multi\"}, {\"in\": \"header\", \"name\": \"e\", \"allowEmptyValue\": true, \"type\": \"array\"}], \"responses\": {\"default\": {}}}}}}",
    "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"host\": \"x.io\", \"paths\": {\"/a\": {\"post\": {\"consumes\": [\"application/x-www-form-urlencoded\"], \"parameters\": [{\"in\": \"formData\", \"name\": \"f\", \"type\": \"file\"}, {\"in\": \"formData\", \"name\": \"é\", \"type\": \"string\"}, {\"in\": \"body\", \"name\": \"b\", \"schema\": {}}], \"responses\": {\"200\": {\"description\": \"ok\", \"examples\": {\"text/html\": \"x\"}}}}}}}",
];

fn check(
    name: &str,
    result: Result<switchboard_import::Imported, switchboard_import::ImportError>,
    failures: &mut Vec<String>,
) {
    let Ok(imported) = result else { return };
    if let Some(dump) = std::env::var_os("SWITCHBOARD_IMPORT_DUMP") {
        // A debugging aid: write the connectors to validate them with another linter build.
        imported.files.write_to(&Path::new(&dump).join(name)).unwrap();
    }
    let connector = imported.files.to_connector(Path::new(name));
    for d in Linter::new(Profile::Default).lint(&connector) {
        if d.severity == Severity::Error {
            failures.push(format!("{name}: {} {} at {}", d.code, d.message, d.location.pointer));
        }
    }
}

#[test]
fn odd_documents_import_cleanly_or_fail_with_a_diagnostic() {
    let mut failures = Vec::new();
    for (i, doc) in OPENAPI.iter().enumerate() {
        let name = format!("openapi-{i}");
        let r = openapi3::import(&name, doc.as_bytes(), &ImportOptions::default());
        if let Err(switchboard_import::ImportError::Invalid { diagnostics, .. }) = &r {
            assert!(!diagnostics.is_empty(), "{name}: an error without a diagnostic");
        }
        check(&name, r, &mut failures);
    }
    for (i, doc) in SWAGGER.iter().enumerate() {
        let name = format!("swagger-{i}");
        let r = swagger2::import(&name, doc.as_bytes(), &ImportOptions::default());
        check(&name, r, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
