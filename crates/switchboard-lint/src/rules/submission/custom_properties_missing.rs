use switchboard_model::json::Value;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a certification package whose connector offers several authentication types
    /// (multi-auth: its exported connection parameters hold `connectionParameterSets`, or are
    /// a parameter-set object with `values`), checks that the package includes a
    /// `customProperties.json` (any casing, also `*_customproperties.json`, anywhere in the
    /// package).
    ///
    /// Microsoft's policy names the file but not its place in the package, so any place is
    /// accepted; the multi-auth test reads the exported connection parameters because
    /// customizations.xml has no element for parameter sets.
    ///
    /// ## Why it matters
    /// Partner Center rejects a multi-auth connector whose package lacks customProperties.json
    /// as "missing files" (policy 5000.1.1.5).
    ///
    /// ## Example
    /// A connector offering OAuth and API key sign-in, packaged with only the two solutions
    /// and intro.md.
    ///
    /// ## Fix
    /// Add customProperties.json to the package.
    pub CustomPropertiesMissing {
        code: "PZ012",
        name: "custom-properties-missing",
        group: Submission,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for CustomPropertiesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(p) = cx.submission() else { return };
        let multi = p.solutions.iter().find_map(|s| {
            let file = s.connector.connection_parameters.as_ref()?;
            let at = parameter_sets(file.file.root()?)?;
            Some((file, at))
        });
        let Some((file, at)) = multi else { return };
        let is_custom = |path: &str| {
            let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
            name == "customproperties.json" || name.ends_with("_customproperties.json")
        };
        let outer = cx.connector().entries.iter().filter(|e| !e.is_dir);
        let found = outer.map(|e| e.path.as_str()).any(is_custom)
            || p.archives().any(|z| z.visible().any(|e| !e.is_dir && is_custom(&e.path)));
        if found {
            return;
        }
        cx.report_in(
            &file.file.source,
            file.file.root(),
            at.span,
            "the connector offers several authentication types (connection parameter sets), but the package has no customProperties.json",
        )
        .set_help("add customProperties.json to the package");
    }
}

/// The parameter sets of exported connection parameters, when there are any.
fn parameter_sets(root: &Value) -> Option<&Value> {
    if let Some(sets) = root.get("connectionParameterSets") {
        return Some(sets);
    }
    let values = root.get_array("values")?;
    values.iter().any(|v| v.get("parameters").is_some()).then_some(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::check;
    use crate::test_support::package::{CONNECTOR_SOLUTION, NAME, PackageFixture};

    const SETS: &str = r#"{"connectionParameterSets": {"uiDefinition": {"displayName": "Authentication"}, "values": [
        {"name": "oauth", "parameters": {"token": {"type": "oauthSetting"}}},
        {"name": "key", "parameters": {"api_key": {"type": "securestring"}}}
    ]}}"#;

    #[test]
    fn single_auth_and_a_present_file_pass() {
        assert!(check(&CustomPropertiesMissing, &PackageFixture::new().build()).is_empty());
        let mut f = PackageFixture::new();
        f.set(&format!("{CONNECTOR_SOLUTION}!/Connector/{NAME}_connectionparameters.json"), SETS)
            .set("customProperties.json", "{}");
        assert!(check(&CustomPropertiesMissing, &f.build()).is_empty());
    }

    #[test]
    fn multi_auth_without_the_file_fails() {
        let mut f = PackageFixture::new();
        f.set(&format!("{CONNECTOR_SOLUTION}!/Connector/{NAME}_connectionparameters.json"), SETS);
        let d = check(&CustomPropertiesMissing, &f.build());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.file.ends_with("_connectionparameters.json"));
        assert_eq!(d[0].location.pointer, "/connectionParameterSets");
        assert_eq!(d[0].severity, Severity::Error);
    }
}
