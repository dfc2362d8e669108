use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector folder contains a `readme.md` (any casing).
    ///
    /// ## Why it matters
    /// Certification requires a readme describing the connector, its publisher, prerequisites,
    /// supported operations, how to obtain credentials and known issues; reviewers read it
    /// before anything else.
    ///
    /// ## Example
    /// A certified connector folder without any readme file.
    ///
    /// ## Fix
    /// Add `readme.md` following Microsoft's template (`switchboard new` writes one).
    pub ReadmeMissing {
        code: "PK004",
        name: "readme-missing",
        group: Package,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for ReadmeMissing {
    fn check(&self, cx: &mut Context<'_>) {
        // A certification archive holds exactly the three artifacts (ZP001): no readme there.
        let archive = matches!(cx.connector().origin, switchboard_model::Origin::Zip(_));
        if cx.is_package() && !archive && cx.connector().readme.is_none() {
            cx.report_file(switchboard_model::connector::README_FILE, "readme.md is missing")
                .set_help("add a readme.md following the certified-connector template");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with};

    #[test]
    fn any_casing_passes() {
        let c = Fixture::new().remove("readme.md").set("README.md", b"# X".to_vec()).build();
        assert!(check(&ReadmeMissing, &c).is_empty());
    }

    #[test]
    fn certification_archives_need_no_readme() {
        let mut zip = std::io::Cursor::new(Vec::new());
        switchboard_model::connector::write_certification_zip(&mut zip, b"{}", b"{}", b"png")
            .unwrap();
        let c = switchboard_model::Connector::load_zip_bytes("p.zip", zip.into_inner()).unwrap();
        assert!(check(&ReadmeMissing, &c).is_empty());
    }

    #[test]
    fn missing_fails_and_is_info_while_authoring() {
        let c = Fixture::new().remove("readme.md").build();
        let d = check(&ReadmeMissing, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(check_with(&ReadmeMissing, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
