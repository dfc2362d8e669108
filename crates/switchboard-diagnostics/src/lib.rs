//! Diagnostics are data: a code, a severity, a message, where (file, line, column, JSON
//! pointer, byte span), optional help and an optional machine-applicable fix. Rules and
//! importers produce them; the renderers in [`render`] turn them into text for people
//! (rustc-style), JSON for scripts and SARIF 2.1.0 for code-scanning tools.

pub mod apply;
mod diagnostic;
pub mod render;

pub use diagnostic::{Diagnostic, Edit, Fix, Location, Severity};
