use crate::rules::readme::common::{has_auth, is_credentials, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## How to get credentials` section (also accepted: any heading
    /// mentioning credentials, or about getting an API key or token). Connectors without
    /// authentication (no `securityDefinitions`, no secure or OAuth connection parameter) may
    /// leave it out and are skipped.
    ///
    /// ## Why it matters
    /// The documentation template asks how users obtain the API key or account they sign in
    /// with; without it, the first connection attempt is a support ticket.
    ///
    /// ## Example
    /// An API-key connector whose intro.md never says where the key comes from. Expected:
    /// ```markdown
    /// ## How to get credentials
    /// Create an API key under Settings, API keys.
    /// ```
    ///
    /// ## Fix
    /// Add `## How to get credentials` explaining where users get their API key or account.
    pub IntroCredentialsMissing {
        code: "IN002",
        name: "intro-credentials-missing",
        group: Intro,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for IntroCredentialsMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        if !has_auth(cx) {
            return;
        }
        require_section(
            cx,
            intro,
            is_credentials,
            "How to get credentials",
            "add `## How to get credentials` explaining where users get their API key or account",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    fn intro(text: &str) -> switchboard_model::Connector {
        Fixture::new().set("intro.md", text.as_bytes().to_vec()).build()
    }

    #[test]
    fn template_and_tolerant_headings_pass() {
        assert!(check(&IntroCredentialsMissing, &Fixture::new().build()).is_empty());
        assert!(
            check(&IntroCredentialsMissing, &Fixture::new().remove("intro.md").build()).is_empty()
        );
        for heading in
            ["## How to get credentials?", "## Obtaining credentials", "## Getting an API key"]
        {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroCredentialsMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn connectors_without_auth_are_skipped() {
        let c = Fixture::new()
            .set("intro.md", b"Taskforge plans work.\n".to_vec())
            .swagger(serde_json::json!({"securityDefinitions": null, "security": null}))
            .properties(serde_json::json!({"properties": {"connectionParameters": null}}))
            .build();
        assert!(check(&IntroCredentialsMissing, &c).is_empty());
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroCredentialsMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'How to get credentials' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            check_with(&IntroCredentialsMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Warning
        );
    }
}
