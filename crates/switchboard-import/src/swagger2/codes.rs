//! Loss-report codes of [`super::connectorize`] and the plain Swagger 2.0 importer.
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | IMP001 | error | the source cannot be read (not JSON/YAML); the import fails |
//! | IMP002 | error | the source is not a document of the expected kind; the import fails |
//! | IMP003 | info/warning | a placeholder was written (title, description, version, host) or a scheme dropped |
//! | IMP004 | warning | a root member that Swagger 2.0 does not know was dropped |
//! | IMP005 | info/warning | an operationId was generated, rewritten to letters and digits, or made unique |
//! | IMP006 | info | an operation summary was generated or shortened to pass the summary rules |
//! | IMP007 | info | a parameter was changed to pass the rules (type, required path parameter, encoding, visibility) |
//! | IMP008 | warning | a parameter was dropped (duplicate, not in the path, body in GET, `connectionId`, the API key itself) |
//! | IMP009 | info/warning | a response was changed (added, described, invalid code dropped, schema moved or dropped) |
//! | IMP010 | warning | a security scheme was mapped to what connectors support, with a difference users see |
//! | IMP011 | warning | a security scheme was not carried over (connectors have one kind of authentication) |
//! | IMP012 | info/warning | `--tags` left operations out, or matched nothing |
//! | IMP013 | info | unused definitions, parameters or responses were pruned |
//! | IMP014 | info | a schema was changed to pass the rules (required, enum, discriminator, readOnly input) |
//! | IMP015 | warning | a MIME type connectors do not support (plain Swagger source) |
//! | IMP016 | warning | a misspelled or misplaced `x-ms-*` extension (plain Swagger source) |
//! | IMP017 | warning | an operation was dropped: same method and path template as another |
//! | IMP090 | warning/error | budget: the definition is close to or over the 1 MB limit |
//! | IMP091 | warning/error | budget: a body or response schema is close to or over the 512-schema limit |
//! | IMP092 | warning/error | budget: close to or over the 256-operation limit |

/// The source is not a document of the expected kind.
pub const WRONG_KIND: &str = "IMP002";
/// A placeholder was written.
pub const PLACEHOLDER: &str = "IMP003";
/// A root member was dropped.
pub const ROOT_KEY_DROPPED: &str = "IMP004";
/// An operationId was generated or rewritten.
pub const OPERATION_ID: &str = "IMP005";
/// A summary was generated or shortened.
pub const SUMMARY: &str = "IMP006";
/// A parameter was changed.
pub const PARAMETER_FIXED: &str = "IMP007";
/// A parameter was dropped.
pub const PARAMETER_DROPPED: &str = "IMP008";
/// A response was changed.
pub const RESPONSE: &str = "IMP009";
/// A security scheme was mapped with a difference.
pub const AUTH_MAPPED: &str = "IMP010";
/// A security scheme was not carried over.
pub const AUTH_DROPPED: &str = "IMP011";
/// `--tags` effects.
pub const TAGS: &str = "IMP012";
/// Unused parts pruned.
pub const PRUNED: &str = "IMP013";
/// A schema was changed.
pub const SCHEMA_FIXED: &str = "IMP014";
/// An unsupported MIME type.
pub const MIME: &str = "IMP015";
/// A misspelled or misplaced extension.
pub const EXTENSION: &str = "IMP016";
/// A duplicate operation was dropped.
pub const DUPLICATE_OPERATION: &str = "IMP017";
/// Budget: definition size.
pub const BUDGET_SIZE: &str = "IMP090";
/// Budget: schemas per body or response.
pub const BUDGET_SCHEMAS: &str = "IMP091";
/// Budget: operations.
pub const BUDGET_OPERATIONS: &str = "IMP092";
