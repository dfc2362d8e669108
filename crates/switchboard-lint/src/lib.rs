//! The certification rule engine.
//!
//! Every rule of the catalog (`shared/spec/certification-rules.md`) lives in its own file under
//! `src/rules/<group>/`, with its documentation as its doc comment, its metadata declared with
//! [`declare_rule!`], and in-file tests. [`Linter`] runs the rules that are on under a
//! [`Profile`] against a loaded [`Connector`](switchboard_model::Connector) and returns
//! [`Diagnostic`]s sorted by file and position.

mod context;
pub mod diff;
mod engine;
pub mod fast_hash;
mod index;
mod meta;
pub mod rules;

mod text;

#[cfg(test)]
mod test_support;

pub use context::Context;
pub use engine::{Facts, Linted, Linter, RuleTiming};
pub use index::{
    DATA_KEYS, OperationInfo, ParameterDecl, SchemaRole, SchemaRoot, SwaggerIndex, TEXT_KEYS,
    TextField,
};
pub use meta::{Group, Levels, RuleMeta};
pub use switchboard_diagnostics::{Diagnostic, Severity};

/// A validation profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Authoring: certification-only rules are downgraded to info (Microsoft's validator with
    /// `IsCertificationValidation=false`, as for `custom-connectors/`).
    Default,
    /// What a certification submission must pass (verified publishers). Connectors under an
    /// `independent-publisher-connectors/` folder get the independent-publisher variant.
    Certification,
    /// Certification for independent publishers (IP-only rules on, `#da3b01`, no icon).
    IndependentPublisher,
}

impl Profile {
    /// Parses `default`, `certification` or `independent-publisher`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "default" => Profile::Default,
            "certification" => Profile::Certification,
            "independent-publisher" => Profile::IndependentPublisher,
            _ => return None,
        })
    }

    /// The name as parsed.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Certification => "certification",
            Profile::IndependentPublisher => "independent-publisher",
        }
    }
}

/// A rule: metadata plus a check. Implemented for every type that is [`Declared`] (by
/// [`declare_rule!`]) and implements [`Check`].
pub trait Rule: Send + Sync + 'static {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Runs the rule against the connector in `cx`, reporting through `cx`.
    fn check(&self, cx: &mut Context<'_>);
}

/// Metadata of a rule type; implemented by [`declare_rule!`].
pub trait Declared {
    /// The metadata.
    fn meta() -> &'static RuleMeta;
}

/// The check of a rule type.
pub trait Check {
    /// Runs the check, reporting findings through `cx`.
    fn check(&self, cx: &mut Context<'_>);
}

impl<T: Declared + Check + Send + Sync + 'static> Rule for T {
    fn meta(&self) -> &'static RuleMeta {
        T::meta()
    }

    fn check(&self, cx: &mut Context<'_>) {
        Check::check(self, cx);
    }
}

/// Looks a rule up by code (case-insensitive) or kebab name.
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    rules::all().iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name
    })
}
