use super::common::header;
use crate::{Check, Context, Levels, Profile, Severity, declare_rule};

const MIN: u32 = 100;
const MAX: u32 = 230;

declare_rule! {
    /// ## What it does
    /// Checks, from the PNG header, that the icon is square and between 100 × 100 and
    /// 230 × 230 pixels.
    ///
    /// ## Why it matters
    /// The icon is shown in a square tile; certification policy 5000.2.1.4 and the submission
    /// guide ask for a square image of about 230 pixels with the logo (about 160 pixels) centred
    /// in it, and reviewers send back larger or non-square icons.
    ///
    /// ## Example
    /// An `icon.png` of 471 × 471 or 300 × 120 pixels.
    ///
    /// ## Fix
    /// Resize to 230 × 230 pixels, padding with the brand colour to make it square.
    pub IconDimensions {
        code: "IC003",
        name: "icon-dimensions",
        group: Icon,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for IconDimensions {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.profile() == Profile::IndependentPublisher {
            return; // PK006
        }
        let Some(icon) = cx.connector().icon.as_ref() else { return };
        let Some(h) = header(icon.file.bytes()) else { return }; // IC001
        let (w, ht) = (h.width, h.height);
        let problem = if w != ht {
            Some("must be square")
        } else if !(MIN..=MAX).contains(&w) {
            Some("must be between 100 × 100 and 230 × 230 pixels")
        } else {
            None
        };
        if let Some(problem) = problem {
            let entry = icon.entry.clone();
            cx.report_file(&entry, format!("the icon is {w} × {ht} pixels; it {problem}"))
                .set_help("resize the icon to 230 × 230 pixels with the logo centred");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::header_only;
    use super::*;
    use crate::test_support::{Fixture, check, solid_png};

    #[test]
    fn square_icons_in_range_pass() {
        assert!(check(&IconDimensions, &Fixture::new().build()).is_empty());
        let small = solid_png(100, 100, [0x3A, 0x5F, 0x8C, 255], png::ColorType::Rgb);
        assert!(check(&IconDimensions, &Fixture::new().set("icon.png", small).build()).is_empty());
    }

    #[test]
    fn large_and_non_square_icons_fail() {
        let big = solid_png(400, 400, [0x3A, 0x5F, 0x8C, 255], png::ColorType::Rgb);
        let d = check(&IconDimensions, &Fixture::new().set("icon.png", big).build());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("400 × 400"));
        assert_eq!(d[0].severity, Severity::Error);
        let wide = solid_png(230, 120, [0x3A, 0x5F, 0x8C, 255], png::ColorType::Rgb);
        let d = check(&IconDimensions, &Fixture::new().set("icon.png", wide).build());
        assert!(d[0].message.contains("must be square"));
    }

    #[test]
    fn hostile_header_is_reported_without_decoding() {
        let c = Fixture::new().set("icon.png", header_only(100_000, 100_000)).build();
        let d = check(&IconDimensions, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("100000 × 100000"));
    }
}
