use super::common::{has_auth, is_credentials, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that readme.md has an `Obtaining Credentials` heading (also accepted: any heading
    /// mentioning credentials, or about getting an API key, access key or token). Connectors
    /// without authentication (no `securityDefinitions`, no secure or OAuth connection
    /// parameter) are skipped: they legitimately omit it.
    ///
    /// ## Why it matters
    /// Users must learn where the API key comes from or how the OAuth app is set up; it is
    /// the most common question on a new connector. A warning, not an error: about a third of
    /// the certified readmes lack the section.
    ///
    /// ## Example
    /// A readme for an API-key connector whose only auth heading is `## Authentication`.
    /// Expected:
    /// ```markdown
    /// ## Obtaining Credentials
    /// Create an API key under Settings, API keys.
    /// ```
    ///
    /// ## Fix
    /// Add `## Obtaining Credentials` explaining the authentication method and how to get the credentials.
    pub ReadmeCredentialsMissing {
        code: "RM004",
        name: "readme-credentials-missing",
        group: Readme,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ReadmeCredentialsMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        if !has_auth(cx) {
            return;
        }
        require_section(
            cx,
            readme,
            is_credentials,
            "Obtaining Credentials",
            "add `## Obtaining Credentials` explaining the authentication method and how to get the credentials",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    fn readme(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("readme.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn template_and_tolerant_headings_pass() {
        assert!(check(&ReadmeCredentialsMissing, &Fixture::new().build()).is_empty());
        for heading in
            ["## How to get credentials?", "## Getting an API key", "### Obtaining credentials"]
        {
            let text = format!("# Taskforge\n\n{heading}\n\nSome text.\n");
            assert!(check(&ReadmeCredentialsMissing, &readme(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn connectors_without_auth_are_skipped() {
        let c = Fixture::new()
            .set("readme.md", b"# Taskforge\n".to_vec())
            .swagger(serde_json::json!({"securityDefinitions": null, "security": null}))
            .properties(serde_json::json!({"properties": {"connectionParameters": null}}))
            .build();
        assert!(check(&ReadmeCredentialsMissing, &c).is_empty());
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "# Taskforge\n\nTaskforge plans work.\n\n```\n## Obtaining Credentials\n```\n";
        let d = check(&ReadmeCredentialsMissing, &readme(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "readme.md has no 'Obtaining Credentials' section");
        assert!(d[0].location.file.ends_with("readme.md"));
        assert_eq!((d[0].location.line, d[0].location.pointer.as_str()), (1, ""));
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            check_with(&ReadmeCredentialsMissing, &readme(text), Profile::Default)[0].severity,
            Severity::Warning
        );
    }
}
