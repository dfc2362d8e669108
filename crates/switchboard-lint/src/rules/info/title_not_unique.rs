use std::collections::HashMap;

use switchboard_diagnostics::{Diagnostic, Location};

use crate::{Check, Context, Declared, Levels, Profile, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector's title (`info.title`) is unique, case-insensitively, among the
    /// connectors validated together in one run (for example a whole repository of connectors).
    ///
    /// ## Why it matters
    /// The title is the connector's name in every catalog; certification requires a name that is
    /// "unique and distinguishable" from existing connectors (policy 5000.2.2.5). Two folders
    /// with the same title are usually a V1/V2 pair where the new version kept the old name.
    ///
    /// ## Example
    /// `certified-connectors/Contoso/apiDefinition.swagger.json` and
    /// `certified-connectors/ContosoV2/apiDefinition.swagger.json` both titled `"Contoso"`.
    ///
    /// ## Fix
    /// Give each connector a distinct title (for a new version, e.g. `Contoso V2`).
    ///
    /// This rule compares connectors with each other, so it reports nothing when one connector is
    /// validated alone; Microsoft's list of published connector names is not available offline.
    pub TitleNotUnique {
        code: "SW017",
        name: "title-not-unique",
        group: Info,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("5000.2.2.5"),
    }
}

impl Check for TitleNotUnique {
    fn check(&self, _cx: &mut Context<'_>) {
        // Cross-connector: see `check_titles`, run by `Linter::check_batch`.
    }
}

/// The title of one connector and where it is.
#[derive(Clone, Debug)]
pub struct TitleFact {
    /// The title as written.
    pub title: String,
    /// Where `info.title` is.
    pub location: Location,
    /// The profile the connector was checked under.
    pub profile: Profile,
}

/// Extracts the title fact of a connector.
pub(crate) fn title_fact(cx: &Context<'_>) -> Option<TitleFact> {
    let sw = cx.swagger()?;
    let title = sw.doc.info()?.get("title")?;
    let text = title.as_str()?.trim();
    if text.is_empty() {
        return None;
    }
    let file = &cx.connector().swagger.as_ref()?.file;
    let location = Location::span(&file.source, file.root(), title.span);
    Some(TitleFact { title: text.to_string(), location, profile: cx.profile() })
}

/// Reports every connector whose title another connector of the batch also has:
/// `(index into facts, diagnostic)`.
pub(crate) fn check_titles(facts: &[Option<TitleFact>]) -> Vec<(usize, Diagnostic)> {
    let meta = <TitleNotUnique as Declared>::meta();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, fact) in facts.iter().enumerate() {
        if let Some(f) = fact {
            by_title.entry(f.title.to_lowercase()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for indexes in by_title.values().filter(|v| v.len() > 1) {
        for &i in indexes {
            let Some(fact) = &facts[i] else { continue };
            let Some(severity) = meta.levels.for_profile(fact.profile) else { continue };
            let others: Vec<String> = indexes
                .iter()
                .filter(|&&j| j != i)
                .filter_map(|&j| facts[j].as_ref())
                .map(|f| f.location.file.to_string())
                .collect();
            let message =
                format!("the title '{}' is also used by {}", fact.title, others.join(", "));
            let d = Diagnostic::new(meta.code, severity, message, fact.location.clone())
                .with_help("give each connector a distinct, recognisable title");
            out.push((i, d));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

#[cfg(test)]
mod tests {
    use crate::test_support::Fixture;
    use crate::{Linter, Profile};
    use serde_json::json;

    #[test]
    fn distinct_titles_pass() {
        let linter = Linter::new(Profile::Certification);
        let a = linter.lint_with_facts(&Fixture::new().build_at("a"));
        let b = linter.lint_with_facts(
            &Fixture::new().swagger(json!({"info": {"title": "Other"}})).build_at("b"),
        );
        assert!(linter.check_batch(&[a.facts, b.facts]).is_empty());
    }

    #[test]
    fn same_title_in_two_connectors_fails_in_both() {
        let linter = Linter::new(Profile::Certification);
        let a = linter.lint_with_facts(&Fixture::new().build_at("a"));
        let b = linter.lint_with_facts(
            &Fixture::new().swagger(json!({"info": {"title": "TASKFORGE"}})).build_at("b"),
        );
        let found = linter.check_batch(&[a.facts, b.facts]);
        assert_eq!(found.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(found[0].1.code, "SW017");
        assert_eq!(found[0].1.location.pointer, "/info/title");
        assert!(
            found[0].1.message.contains("b/apiDefinition.swagger.json"),
            "{}",
            found[0].1.message
        );
    }
}
