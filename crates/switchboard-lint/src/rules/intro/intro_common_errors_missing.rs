use crate::rules::readme::common::{is_common_errors, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## Common errors and remedies` section (also accepted: any
    /// heading with "common errors", "errors and remedies" or "troubleshooting").
    ///
    /// ## Why it matters
    /// The documentation template asks for the errors users run into (expired keys, missing
    /// permissions) and how to fix them; it saves a support round-trip.
    ///
    /// ## Example
    /// An intro.md without any troubleshooting section. Expected:
    /// ```markdown
    /// ## Common errors and remedies
    /// 401: the API key was revoked; create a new one.
    /// ```
    ///
    /// ## Fix
    /// Add `## Common errors and remedies` with the usual error responses and how to fix them.
    pub IntroCommonErrorsMissing {
        code: "IN005",
        name: "intro-common-errors-missing",
        group: Intro,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for IntroCommonErrorsMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        require_section(
            cx,
            intro,
            is_common_errors,
            "Common errors and remedies",
            "add `## Common errors and remedies` with the usual error responses and how to fix them",
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
        assert!(check(&IntroCommonErrorsMissing, &Fixture::new().build()).is_empty());
        assert!(
            check(&IntroCommonErrorsMissing, &Fixture::new().remove("intro.md").build()).is_empty()
        );
        for heading in ["## Common errors and remedies", "## Troubleshooting"] {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroCommonErrorsMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroCommonErrorsMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'Common errors and remedies' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            check_with(&IntroCommonErrorsMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Warning
        );
    }
}
