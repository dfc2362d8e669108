use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an independent-publisher connector folder has no `icon.png`.
    ///
    /// ## Why it matters
    /// Independent-publisher connectors all use the generic icon on the `#da3b01` background;
    /// the pull-request template makes the submitter attest that no icon is included.
    ///
    /// ## Example
    /// `independent-publisher-connectors/Foo/icon.png`.
    ///
    /// ## Fix
    /// Delete `icon.png` from the folder.
    pub IndependentPublisherIcon {
        code: "PK006",
        name: "independent-publisher-icon",
        group: Package,
        levels: Levels::ip(Severity::Error),
    }
}

impl Check for IndependentPublisherIcon {
    fn check(&self, cx: &mut Context<'_>) {
        if let Some(icon) = cx.connector().icon.as_ref() {
            let entry = icon.entry.clone();
            cx.report_file(&entry, "independent-publisher connectors must not include an icon")
                .set_help("delete the icon; Microsoft uses the generic independent-publisher icon");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_with};

    #[test]
    fn no_icon_passes() {
        let c = Fixture::new().remove("icon.png").build();
        assert!(
            check_with(&IndependentPublisherIcon, &c, Profile::IndependentPublisher).is_empty()
        );
    }

    #[test]
    fn icon_fails_for_independent_publishers_only() {
        let c = Fixture::new().build();
        assert_eq!(
            check_with(&IndependentPublisherIcon, &c, Profile::IndependentPublisher).len(),
            1
        );
        assert!(check_with(&IndependentPublisherIcon, &c, Profile::Certification).is_empty());
        // The certification profile switches to the IP variant by folder.
        let ip = Fixture::new().build_at("independent-publisher-connectors/Foo");
        assert_eq!(check_with(&IndependentPublisherIcon, &ip, Profile::Certification).len(), 1);
    }
}
