//! Running rules over a connector.

use switchboard_diagnostics::Diagnostic;
use switchboard_model::Connector;

use crate::{Context, Profile, Rule, SwaggerIndex, rules};

/// Runs a set of rules under a profile.
#[derive(Clone)]
pub struct Linter {
    profile: Profile,
    rules: Vec<&'static dyn Rule>,
}

impl Linter {
    /// Every registered rule under `profile`.
    pub fn new(profile: Profile) -> Self {
        Self { profile, rules: rules::all().to_vec() }
    }

    /// Only `rules`, under `profile`.
    pub fn with_rules(profile: Profile, rules: Vec<&'static dyn Rule>) -> Self {
        Self { profile, rules }
    }

    /// The profile applied to `connector`: `certification` becomes `independent-publisher` for
    /// connectors under an `independent-publisher-connectors` folder, as Microsoft's pipeline
    /// decides by folder.
    pub fn profile_for(&self, connector: &Connector) -> Profile {
        if self.profile == Profile::Certification
            && connector
                .path()
                .components()
                .any(|c| c.as_os_str().eq_ignore_ascii_case("independent-publisher-connectors"))
        {
            return Profile::IndependentPublisher;
        }
        self.profile
    }

    /// Checks one connector; diagnostics come sorted by file, line, column and code.
    pub fn lint(&self, connector: &Connector) -> Vec<Diagnostic> {
        let profile = self.profile_for(connector);
        let index = connector.swagger.as_ref().and_then(|f| SwaggerIndex::new(&f.file));
        let mut cx = Context::new(connector, index.as_ref(), profile);
        for rule in &self.rules {
            let meta = rule.meta();
            if let Some(severity) = meta.levels.for_profile(profile) {
                cx.begin(meta, severity);
                rule.check(&mut cx);
            }
        }
        let mut out = cx.finish();
        out.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column, &a.code).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                &b.code,
            ))
        });
        out
    }
}
