//! One small hand-written OpenAPI 3 document per mapping, snapshotted: the Swagger 2.0 that
//! comes out (and, for authentication, the connection parameters) with the loss report.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use switchboard_import::{ImportOptions, Imported, openapi3};

fn import(yaml: &str) -> Imported {
    openapi3::import("api.yaml", yaml.as_bytes(), &ImportOptions::default()).unwrap()
}

/// The parts of the definition a mapping touches, then the losses (code, severity, line:column,
/// pointer, message).
fn render(i: &Imported, keys: &[&str]) -> String {
    let mut out = String::new();
    for k in keys {
        let v =
            if k.starts_with('/') { i.files.swagger.pointer(k) } else { i.files.swagger.get(*k) };
        let _ = writeln!(out, "{k}: {}", serde_json::to_string_pretty(&v).unwrap());
    }
    out.push_str("losses:\n");
    for d in &i.report {
        let l = &d.location;
        let _ = writeln!(
            out,
            "  {} {} {}:{} {} — {}",
            d.code, d.severity, l.line, l.column, l.pointer, d.message
        );
    }
    out
}

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: Tasks\n  version: '1.0'\n  description: Manage the tasks of a team.\n";

#[test]
fn servers_with_variables() {
    let i = import(&format!(
        "{HEAD}servers:\n  - url: '{{scheme}}://{{region}}.tasks.example.com/api/v2/'\n    variables:\n      scheme: {{default: https, enum: [https, http]}}\n      region: {{default: eu}}\n  - url: https://backup.tasks.example.com\npaths: {{}}\n"
    ));
    insta::assert_snapshot!(render(&i, &["host", "basePath", "schemes"]));
}

#[test]
fn no_server_gets_a_placeholder_host() {
    let i = import(&format!("{HEAD}paths: {{}}\n"));
    insta::assert_snapshot!(render(&i, &["host", "schemes"]));
}

#[test]
fn parameters_and_labels() {
    let i = import(&format!(
        r"{HEAD}servers: [{{url: 'https://api.tasks.io'}}]
paths:
  /teams/{{teamId}}/tasks:
    parameters:
      - {{name: teamId, in: path, required: true, schema: {{type: string}}, description: The team.}}
    get:
      operationId: list-team-tasks
      summary: List tasks / filter by status & owner?
      parameters:
        - {{name: status, in: query, schema: {{type: array, items: {{type: string, enum: [open, done]}}}}, explode: false}}
        - {{name: tag, in: query, schema: {{type: array, items: {{type: string}}}}}}
        - {{name: filter, in: query, style: deepObject, schema: {{type: object, properties: {{owner: {{type: string}}, due: {{type: string, format: date}}}}}}}}
        - {{name: session, in: cookie, schema: {{type: string}}}}
        - {{name: Accept, in: header, schema: {{type: string}}}}
        - {{name: page_size, in: query, required: true, schema: {{type: integer, default: 20, nullable: true}}}}
      responses:
        '200': {{description: OK}}
"
    ));
    insta::assert_snapshot!(render(&i, &["paths"]));
}

#[test]
fn request_bodies_json_form_and_multipart() {
    let i = import(&format!(
        r"{HEAD}servers: [{{url: 'https://api.tasks.io'}}]
paths:
  /tasks:
    post:
      operationId: createTask
      requestBody:
        required: true
        content:
          application/json: {{schema: {{$ref: '#/components/schemas/Task'}}}}
          application/xml: {{schema: {{$ref: '#/components/schemas/Task'}}}}
      responses: {{'201': {{description: Created, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Task'}}}}}}}}}}
  /tasks/form:
    post:
      operationId: createTaskForm
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {{type: object, required: [title], properties: {{title: {{type: string}}, tags: {{type: array, items: {{type: string}}}}}}}}
      responses: {{'204': {{description: Done}}}}
  /tasks/{{id}}/attachments:
    post:
      operationId: attach
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      requestBody:
        content:
          multipart/form-data:
            schema: {{type: object, properties: {{file: {{type: string, format: binary}}, note: {{type: string}}}}}}
      responses: {{'204': {{description: Done}}}}
    get:
      operationId: listAttachments
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      requestBody: {{content: {{application/json: {{schema: {{type: object}}}}}}}}
      responses: {{'200': {{description: OK, content: {{application/pdf: {{}}}}}}}}
components:
  schemas:
    Task:
      type: object
      required: [id, title]
      properties:
        id: {{type: string, readOnly: true}}
        title: {{type: string, title: Task title}}
"
    ));
    insta::assert_snapshot!(render(&i, &["paths", "definitions"]));
}

#[test]
fn schemas_nullable_type_lists_and_alternatives() {
    let yaml = r"openapi: 3.1.0
info: {title: Shapes, version: '1', description: Shapes of values in OpenAPI 3.1 documents.}
servers: [{url: 'https://api.shapes.io'}]
paths:
  /shapes:
    get:
      operationId: getShapes
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Shapes'}
components:
  schemas:
    Circle: {type: object, properties: {radius: {type: number}, kind: {type: string}}, required: [radius, kind]}
    Square: {type: object, properties: {side: {type: number}, kind: {type: string}}, required: [side, kind]}
    Unused: {type: string}
    Shapes:
      type: object
      properties:
        note: {type: [string, 'null']}
        legacy: {type: string, nullable: true}
        size: {type: [integer, string]}
        code: {const: ABC}
        limit: {type: number, exclusiveMaximum: 10}
        shape:
          oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
          discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle'}}
        maybe: {anyOf: [{$ref: '#/components/schemas/Circle'}, {type: 'null'}]}
        id: {oneOf: [{type: string}, {type: string, format: uuid}]}
        mixed: {anyOf: [{type: string}, {type: array, items: {type: string}}]}
        both: {allOf: [{$ref: '#/components/schemas/Circle'}, {properties: {color: {type: string}}}]}
        extra: {type: object, patternProperties: {'^x-': {type: string}}, not: {required: [y]}}
";
    let i = openapi3::import("shapes.yaml", yaml.as_bytes(), &ImportOptions::default()).unwrap();
    insta::assert_snapshot!(render(&i, &["definitions"]));
}

#[test]
fn security_schemes() {
    let cases = [
        ("apikey-header", "{type: apiKey, in: header, name: X-Api-Key}"),
        ("apikey-query", "{type: apiKey, in: query, name: key}"),
        ("apikey-cookie", "{type: apiKey, in: cookie, name: sid}"),
        ("basic", "{type: http, scheme: basic}"),
        ("bearer", "{type: http, scheme: bearer, bearerFormat: JWT}"),
        (
            "oauth-code",
            "{type: oauth2, flows: {authorizationCode: {authorizationUrl: 'https://id.tasks.io/oauth/authorize', tokenUrl: 'https://id.tasks.io/oauth/token', scopes: {read: Read, write: Write}}}}",
        ),
        (
            "oauth-implicit",
            "{type: oauth2, flows: {implicit: {authorizationUrl: 'https://id.tasks.io/oauth/authorize', scopes: {read: Read}}}}",
        ),
        (
            "openid",
            "{type: openIdConnect, openIdConnectUrl: 'https://id.tasks.io/.well-known/openid-configuration'}",
        ),
    ];
    let mut out = String::new();
    for (name, scheme) in cases {
        let yaml = format!(
            "{HEAD}servers: [{{url: 'https://api.tasks.io'}}]\nsecurity: [{{auth: []}}]\npaths:\n  /tasks:\n    get:\n      operationId: listTasks\n      parameters: [{{name: X-Api-Key, in: header, schema: {{type: string}}}}]\n      responses: {{'200': {{description: OK}}}}\ncomponents:\n  securitySchemes:\n    auth: {scheme}\n"
        );
        let i = import(&yaml);
        let _ = writeln!(
            out,
            "== {name}\n{}",
            render(&i, &["securityDefinitions", "security", "/paths/~1tasks/get/parameters"])
        );
        let cp = i.files.properties.pointer("/properties/connectionParameters").unwrap();
        let _ = writeln!(out, "connectionParameters: {}", serde_json::to_string(cp).unwrap());
    }
    insta::assert_snapshot!(out);
}

#[test]
fn callbacks_become_webhook_triggers_and_webhooks_are_reported() {
    let yaml = r"openapi: 3.1.0
info: {title: Events, version: '1', description: Subscribe to the events of a team.}
servers: [{url: 'https://api.events.io'}]
paths:
  /subscriptions:
    post:
      operationId: subscribe
      summary: Subscribe
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                target: {type: object, properties: {url: {type: string, format: uri}}}
                event: {type: string}
      responses:
        '201': {description: Subscribed}
      callbacks:
        taskCreated:
          '{$request.body#/target/url}':
            post:
              summary: Task created
              requestBody:
                description: The new task.
                content:
                  application/json:
                    schema: {type: object, properties: {id: {type: string}, title: {type: string}}}
              responses: {'200': {description: OK}}
        taskDeleted:
          '{$request.body#/target/url}':
            post: {responses: {'200': {description: OK}}}
webhooks:
  taskUpdated:
    post:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: OK}}
";
    let i = openapi3::import("events.yaml", yaml.as_bytes(), &ImportOptions::default()).unwrap();
    insta::assert_snapshot!(render(&i, &["paths"]));
}

#[test]
fn tags_subset_and_title() {
    let yaml = format!(
        "{HEAD}servers: [{{url: 'https://api.tasks.io'}}]\ntags: [{{name: tasks}}, {{name: admin}}]\npaths:\n  /tasks:\n    get: {{operationId: listTasks, tags: [tasks], responses: {{'200': {{description: OK}}}}}}\n  /admin:\n    get: {{operationId: admin, tags: [admin], responses: {{'200': {{description: OK}}}}}}\n"
    );
    let options = ImportOptions { tags: vec!["Tasks".into()], title: Some("Team Tasks".into()) };
    let i = openapi3::import("api.yaml", yaml.as_bytes(), &options).unwrap();
    insta::assert_snapshot!(render(&i, &["info", "tags", "paths"]));
}

#[test]
fn json_sources_are_located_like_yaml_ones() {
    let json = r#"{
  "openapi": "3.0.0",
  "info": {"title": "X", "version": "1"},
  "paths": {"/a": {"get": {"parameters": [{"name": "c", "in": "cookie"}], "responses": {"200": {"description": "ok"}}}}}
}"#;
    let i = openapi3::import("x.json", json.as_bytes(), &ImportOptions::default()).unwrap();
    let cookie = i.report.iter().find(|d| d.code == "IMP104").unwrap();
    assert_eq!((cookie.location.line, cookie.location.column), (4, 43));
    assert_eq!(cookie.location.pointer, "/paths/~1a/get/parameters/0");
}

#[test]
fn bad_input_fails_with_a_located_error() {
    let err = openapi3::import(
        "bad.yaml",
        b"openapi: 3.0.0\ninfo: [unclosed\n",
        &ImportOptions::default(),
    )
    .unwrap_err();
    let switchboard_import::ImportError::Invalid { message, diagnostics } = err;
    assert!(message.starts_with("bad.yaml:"), "{message}");
    assert_eq!(diagnostics[0].code, "IMP001");
    let err = openapi3::import("s.json", br#"{"swagger": "2.0"}"#, &ImportOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("import swagger"), "{err}");
}

#[test]
fn yaml_flow_style_is_not_mistaken_for_json() {
    let yaml = "{openapi: 3.0.0, info: {title: T, version: '1'}, paths: {}}";
    let i = openapi3::import("flow.yaml", yaml.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(i.files.swagger["info"]["title"], "T");
}

#[test]
fn output_is_deterministic() {
    let yaml = format!(
        "{HEAD}servers: [{{url: 'https://api.tasks.io'}}]\npaths:\n  /a:\n    get: {{responses: {{'200': {{description: OK}}}}}}\n"
    );
    let a = import(&yaml).files.files();
    let b = import(&yaml).files.files();
    assert_eq!(a, b);
}
