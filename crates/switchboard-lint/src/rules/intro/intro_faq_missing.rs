use crate::rules::readme::common::{is_faq, require_section};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that intro.md has a `## FAQ` section (also accepted: `Frequently asked questions`).
    ///
    /// ## Why it matters
    /// The documentation template ends with frequently asked questions; they are where users
    /// look for pricing, limits and support contacts.
    ///
    /// ## Example
    /// An intro.md that ends with `## Known issues and limitations`. Expected:
    /// ```markdown
    /// ## FAQ
    /// ### Is there a free plan?
    /// Yes.
    /// ```
    ///
    /// ## Fix
    /// Add `## FAQ` with the questions customers ask most.
    pub IntroFaqMissing {
        code: "IN006",
        name: "intro-faq-missing",
        group: Intro,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for IntroFaqMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        require_section(
            cx,
            intro,
            is_faq,
            "FAQ",
            "add `## FAQ` with the questions customers ask most",
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
        assert!(check(&IntroFaqMissing, &Fixture::new().build()).is_empty());
        assert!(check(&IntroFaqMissing, &Fixture::new().remove("intro.md").build()).is_empty());
        for heading in ["## FAQ", "## Frequently Asked Questions", "## FAQs"] {
            let text = format!("Taskforge plans work.\n\n{heading}\n\nSome text.\n");
            assert!(check(&IntroFaqMissing, &intro(&text)).is_empty(), "{heading}");
        }
    }

    #[test]
    fn missing_section_fails_at_the_file() {
        let text = "Taskforge plans work.\n\n## Other\n";
        let d = check(&IntroFaqMissing, &intro(text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "intro.md has no 'FAQ' section");
        assert!(d[0].location.file.ends_with("intro.md"));
        assert_eq!(d[0].location.line, 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            check_with(&IntroFaqMissing, &intro(text), Profile::Default)[0].severity,
            Severity::Warning
        );
    }
}
