use crate::rules::readme::common::{is_prerequisites, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## Prerequisites` section (also accepted: `Pre-requisites`,
    /// `Requirements`, any case or level).
    ///
    /// ## Why it matters
    /// intro.md becomes the connector's page on Microsoft Learn; the documentation template
    /// requires the prerequisites (plans, licences, accounts) so users know what they need before
    /// creating a connection. An error when certifying, info while authoring.
    ///
    /// ## Example
    /// An intro.md that goes from the description straight to `## How to get credentials`. Expected:
    /// ```markdown
    /// ## Prerequisites
    /// A Taskforge account on any plan.
    /// ```
    ///
    /// ## Fix
    /// Add `## Prerequisites` listing the plans, licences and accounts the connector needs.
    pub IntroPrerequisitesMissing {
        code: "IN001",
        name: "intro-prerequisites-missing",
        group: Intro,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IntroPrerequisitesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        require_section(
            cx,
            intro,
            is_prerequisites,
            "Prerequisites",
            "add `## Prerequisites` listing the plans, licences and accounts the connector needs",
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
        assert!(check(&IntroPrerequisitesMissing, &Fixture::new().build()).is_empty());
        assert!(
            check(&IntroPrerequisitesMissing, &Fixture::new().remove("intro.md").build())
                .is_empty()
        );
        for heading in ["## Prerequisites", "### Pre-requisites"] {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroPrerequisitesMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroPrerequisitesMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'Prerequisites' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            check_with(&IntroPrerequisitesMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
