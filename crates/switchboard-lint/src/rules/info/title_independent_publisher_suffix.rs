use super::common::{replace_string, title};
use crate::text::words;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The suffix independent publishers add to the pull-request title.
const SUFFIX: &str = "(Independent Publisher)";

declare_rule! {
    /// ## What it does
    /// For independent publishers only: checks that `info.title` does not itself carry
    /// "(Independent Publisher)".
    ///
    /// ## Why it matters
    /// The suffix belongs to the pull-request title and to the display name Microsoft gives
    /// the published connector; none of the merged independent-publisher swaggers put it in
    /// `info.title`, where it also eats 23 of the 30 allowed characters.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Yelp (Independent Publisher)" } }
    /// ```
    ///
    /// ## Fix
    /// Keep the plain name: `"title": "Yelp"`; write "Yelp (Independent Publisher)" in the pull
    /// request's title.
    pub TitleIndependentPublisherSuffix {
        code: "SW016",
        name: "title-independent-publisher-suffix",
        group: Info,
        levels: Levels::ip(Severity::Info),
    }
}

impl Check for TitleIndependentPublisherSuffix {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        let w = words(text);
        if !w.windows(2).any(|p| p[0] == "independent" && p[1] == "publisher") {
            return;
        }
        let d = cx.report_value(node, "The title carries '(Independent Publisher)', which belongs to the pull-request title and display name, not to info.title");
        d.set_help("keep the plain product name in info.title");
        let trimmed = text.trim_end();
        if trimmed.len() >= SUFFIX.len()
            && let Some(stem) = trimmed.get(..trimmed.len() - SUFFIX.len())
            && trimmed[stem.len()..].eq_ignore_ascii_case(SUFFIX)
            && !stem.trim().is_empty()
        {
            d.set_fix(replace_string(node.span, stem.trim_end(), "Remove the suffix"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_with, pointers};
    use serde_json::json;

    fn run(title: &str, profile: Profile) -> Vec<crate::Diagnostic> {
        let c = Fixture::new().swagger(json!({"info": {"title": title}})).build();
        check_with(&TitleIndependentPublisherSuffix, &c, profile)
    }

    #[test]
    fn plain_title_passes() {
        assert!(run("Yelp", Profile::IndependentPublisher).is_empty());
    }

    #[test]
    fn suffix_fails_for_independent_publishers_only() {
        let d = run("Yelp (Independent Publisher)", Profile::IndependentPublisher);
        assert_eq!(pointers(&d), ["/info/title"]);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("\"Yelp\""));
        assert!(run("Yelp (Independent Publisher)", Profile::Certification).is_empty());
        assert!(run("Yelp (Independent Publisher)", Profile::Default).is_empty());
    }
}
