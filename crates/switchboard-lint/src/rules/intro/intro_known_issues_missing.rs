use crate::rules::readme::common::{is_known_issues, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## Known issues and limitations` section (also accepted:
    /// `Known issues`, `Limitations`).
    ///
    /// ## Why it matters
    /// The documentation template and the certification checklist require the package's
    /// intro.md to state known issues and limitations. An error when certifying, info while
    /// authoring.
    ///
    /// ## Example
    /// An intro.md that ends with `## FAQ`. Expected:
    /// ```markdown
    /// ## Known issues and limitations
    /// Attachments are not supported yet.
    /// ```
    ///
    /// ## Fix
    /// Add `## Known issues and limitations`; write "None" if there are none.
    pub IntroKnownIssuesMissing {
        code: "IN004",
        name: "intro-known-issues-missing",
        group: Intro,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IntroKnownIssuesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        require_section(
            cx,
            intro,
            is_known_issues,
            "Known issues and limitations",
            "add `## Known issues and limitations`; write \"None\" if there are none",
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
        assert!(check(&IntroKnownIssuesMissing, &Fixture::new().build()).is_empty());
        assert!(
            check(&IntroKnownIssuesMissing, &Fixture::new().remove("intro.md").build()).is_empty()
        );
        for heading in ["## Known issues and limitations", "## Limitations"] {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroKnownIssuesMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroKnownIssuesMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'Known issues and limitations' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            check_with(&IntroKnownIssuesMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
