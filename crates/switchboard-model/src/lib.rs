//! The Switchboard connector model.
//!
//! A connector is the folder (or zip) that Power Platform and Logic Apps use:
//! `apiDefinition.swagger.json` (Swagger 2.0 with `x-ms-*` extensions), `apiProperties.json`,
//! an icon, `readme.md`/`intro.md`, an optional `script.csx` and paconn's `settings.json`.
//!
//! * [`json`] parses JSON leniently and keeps the byte span of every key and value, so any
//!   finding can name file, line, column and JSON pointer.
//! * [`swagger`] and [`api_properties`] are typed, zero-copy views over those trees: they never
//!   fail on unexpected shapes (a validator's input is by definition possibly wrong); accessors
//!   return `None` where a value is missing or of the wrong type, and the raw node is always
//!   at hand for rules that need to say why.
//! * [`connector`] loads a connector from a folder, a zip or a single definition file.

pub mod api_properties;
pub mod connector;
pub mod json;
pub mod settings;
mod source;
pub mod swagger;

pub use connector::{Connector, ConnectorFile, LoadError, Origin};
pub use source::{LineColumn, SourceFile, Span};
