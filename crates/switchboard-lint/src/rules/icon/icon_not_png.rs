use switchboard_model::connector::ICON_FILE;

use super::common::{SIGNATURE, SampleError};
use crate::{Check, Context, Levels, Profile, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector's icon is named `icon.png` (exactly, lowercase) and is a valid
    /// PNG image: it starts with the PNG signature `89 50 4E 47 0D 0A 1A 0A` and decodes.
    ///
    /// ## Why it matters
    /// Certification requires the icon as a PNG file named `icon.png` (policy 5000.2.1.3). A
    /// JPEG or SVG renamed to `.png`, a truncated file or an icon with another name (through
    /// `settings.json`) is rejected at submission or shows as a broken image.
    ///
    /// ## Example
    /// A JPEG saved as `icon.png` (starts with `FF D8 FF`), or `settings.json` pointing at
    /// `logo.png`.
    ///
    /// ## Fix
    /// Export the logo as PNG from the original artwork and name it `icon.png`.
    pub IconNotPng {
        code: "IC001",
        name: "icon-not-png",
        group: Icon,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IconNotPng {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.profile() == Profile::IndependentPublisher {
            return; // PK006: independent publishers ship no icon at all.
        }
        let Some(icon) = cx.connector().icon.as_ref() else { return };
        let entry = icon.entry.as_str();
        // A certification package's icon is Dataverse's `*_iconblob.Png`, named by the export.
        if entry != ICON_FILE && cx.submission().is_none() {
            cx.report_file(entry, format!("the icon must be named '{ICON_FILE}', found '{entry}'"))
                .set_help(
                    "rename the file to icon.png (and update settings.json if it names the icon)",
                );
        }
        let bytes = icon.file.bytes();
        if !bytes.starts_with(&SIGNATURE) {
            let kind = sniff(bytes);
            cx.report_file(entry, format!("the icon is not a PNG image{kind}")).set_help(
                "export the logo as PNG; renaming another format to .png does not convert it",
            );
        } else if let Some(Err(SampleError::Corrupt(why))) = cx.texts().icon_samples() {
            cx.report_file(entry, format!("the icon is not a valid PNG image: {why}"))
                .set_help("re-export the logo as PNG; the file looks truncated or damaged");
        }
    }
}

/// `" (it is a JPEG image)"` when the format is recognisable.
fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        " (it is a JPEG image)"
    } else if bytes.starts_with(b"GIF8") {
        " (it is a GIF image)"
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        " (it is a WebP image)"
    } else if bytes.starts_with(b"BM") {
        " (it is a BMP image)"
    } else if bytes.trim_ascii_start().starts_with(b"<") {
        " (it looks like SVG or HTML)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, base_icon, check, check_with};

    #[test]
    fn png_icon_passes() {
        assert!(check(&IconNotPng, &Fixture::new().build()).is_empty());
        assert!(check(&IconNotPng, &Fixture::new().remove("icon.png").build()).is_empty());
    }

    #[test]
    fn jpeg_renamed_fails() {
        let c = Fixture::new().set("icon.png", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).build();
        let d = check(&IconNotPng, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("JPEG"));
        assert!(d[0].location.file.ends_with("icon.png"));
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(check_with(&IconNotPng, &c, Profile::Default)[0].severity, Severity::Info);
    }

    #[test]
    fn truncated_png_and_wrong_name_fail() {
        let mut cut = base_icon();
        cut.truncate(cut.len() - 20);
        let d = check(&IconNotPng, &Fixture::new().set("icon.png", cut).build());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("not a valid PNG"), "{}", d[0].message);
        let c = Fixture::new().remove("icon.png").set("Icon.PNG", base_icon()).build();
        let d = check(&IconNotPng, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("'Icon.PNG'"));
    }
}
