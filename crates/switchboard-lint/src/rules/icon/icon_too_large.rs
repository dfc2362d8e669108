use crate::{Check, Context, Levels, Profile, Severity, declare_rule};

/// The limit: the file must be smaller than 1 MB.
const MAX_BYTES: usize = 1024 * 1024;

declare_rule! {
    /// ## What it does
    /// Checks that the icon file is smaller than 1 MB (1,048,576 bytes).
    ///
    /// ## Why it matters
    /// Certification policy 5000.2.1.2 rejects icons of 1 MB or more; the portal refuses the
    /// upload. A 230 × 230 logo needs a few kilobytes: a large file is usually an unscaled
    /// export with embedded metadata.
    ///
    /// ## Example
    /// A 2000 × 2000 `icon.png` of 1.4 MB.
    ///
    /// ## Fix
    /// Scale the image to 230 × 230 and re-export it (optionally through a PNG optimiser).
    pub IconTooLarge {
        code: "IC002",
        name: "icon-too-large",
        group: Icon,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IconTooLarge {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.profile() == Profile::IndependentPublisher {
            return; // PK006
        }
        let Some(icon) = cx.connector().icon.as_ref() else { return };
        let len = icon.file.bytes().len();
        if len >= MAX_BYTES {
            let entry = icon.entry.clone();
            cx.report_file(
                &entry,
                format!("the icon is {len} bytes; it must be less than 1 MB ({MAX_BYTES} bytes)"),
            )
            .set_help("scale the icon to 230 × 230 pixels and re-export it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn small_icon_passes() {
        assert!(check(&IconTooLarge, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn one_megabyte_fails() {
        let c = Fixture::new().set("icon.png", vec![0; MAX_BYTES]).build();
        let d = check(&IconTooLarge, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("1048576 bytes"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
