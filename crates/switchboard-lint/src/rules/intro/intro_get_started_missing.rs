use crate::rules::readme::common::{is_get_started, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## Get started with your connector` section (also accepted:
    /// `Getting started`, any heading containing "get started").
    ///
    /// ## Why it matters
    /// The documentation template requires a walkthrough of a first flow or app; the page on
    /// Microsoft Learn is otherwise a list of requirements with no guidance. An error when
    /// certifying (4 of the 6 intro.md files in the repository lack it: they predate the
    /// current template), info while authoring.
    ///
    /// ## Example
    /// An intro.md with `## Prerequisites`, `## How to get credentials` and `## Known issues and
    /// limitations` only. Expected:
    /// ```markdown
    /// ## Get started with your connector
    /// Create a connection with your API key, then add an action to a flow.
    /// ```
    ///
    /// ## Fix
    /// Add `## Get started with your connector` describing a first flow that uses the connector.
    pub IntroGetStartedMissing {
        code: "IN003",
        name: "intro-get-started-missing",
        group: Intro,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IntroGetStartedMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        require_section(
            cx,
            intro,
            is_get_started,
            "Get started with your connector",
            "add `## Get started with your connector` describing a first flow that uses the connector",
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
        assert!(check(&IntroGetStartedMissing, &Fixture::new().build()).is_empty());
        assert!(
            check(&IntroGetStartedMissing, &Fixture::new().remove("intro.md").build()).is_empty()
        );
        for heading in ["## Get started with your connector", "## Getting Started"] {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroGetStartedMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroGetStartedMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'Get started with your connector' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            check_with(&IntroGetStartedMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
