use super::common::{Rgba, close, hex};
use crate::rules::properties::common::parse_hex_color;
use crate::{Check, Context, Levels, Profile, Severity, declare_rule};

/// How far (per RGB channel) a pixel may be from a colour and still count as that colour:
/// absorbs colour-profile conversions and anti-aliasing.
const TOLERANCE: u8 = 16;

/// Channels at or above this count as white.
const WHITE: u8 = 245;

declare_rule! {
    /// ## What it does
    /// Decodes the icon and samples its background at the middle of each edge and at the four
    /// corners. It reports a white background, a background that differs from
    /// `iconBrandColor` (by more than 16 per RGB channel), and corners that differ from the edge
    /// colour (rounded corners or a frame). Transparent icons are left to IC004.
    ///
    /// Uniqueness against other certified icons (catalog IC006) is not checked: it would need a
    /// bundled set of other publishers' logos.
    ///
    /// ## Why it matters
    /// The platform draws the icon on a tile of the brand colour; the submission guide asks for
    /// a logo on a square, non-white background of exactly that colour, so that tile and icon
    /// merge. A white or mismatched background shows as a box inside the tile, and rounded
    /// corners leave coloured notches because the platform rounds the tile itself.
    ///
    /// ## Example
    /// An icon with a white background, or a `#0078D4` background with
    /// `"iconBrandColor": "#3A5F8C"`.
    ///
    /// ## Fix
    /// Fill the whole square with the brand colour, without rounded corners, and set
    /// `iconBrandColor` to the same value.
    pub IconBackgroundColor {
        code: "IC005",
        name: "icon-background-color",
        group: Icon,
        levels: Levels::cert(Severity::Warning),
    }
}

/// The colour at least three of `pixels` share, if any.
fn consensus(pixels: &[Rgba; 4]) -> Option<Rgba> {
    pixels
        .iter()
        .copied()
        .find(|p| pixels.iter().filter(|q| close(*p, **q, TOLERANCE)).count() >= 3)
}

impl Check for IconBackgroundColor {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.profile() == Profile::IndependentPublisher {
            return; // PK006
        }
        let Some(icon) = cx.connector().icon.as_ref() else { return };
        let Some(Ok(s)) = cx.texts().icon_samples() else { return }; // IC001 / IC003
        if s.corners.iter().chain(s.edges.iter()).any(|p| p[3] < 255) {
            return; // IC004
        }
        let entry = icon.entry.clone();
        let edge = consensus(&s.edges);
        let Some(background) = edge.or_else(|| consensus(&s.corners)) else { return };
        if background.iter().take(3).all(|c| *c >= WHITE) {
            cx.report_file(
                &entry,
                "the icon's background is white; use a non-white background of the brand color",
            )
            .set_help("fill the background with iconBrandColor");
        } else if let Some(brand) =
            cx.properties().and_then(|p| p.icon_brand_color()).and_then(parse_hex_color)
        {
            let brand = [brand[0], brand[1], brand[2], 255];
            if !close(background, brand, TOLERANCE) {
                cx.report_file(&entry, format!("the icon's background {} does not match iconBrandColor {}", hex(background), hex(brand)))
                    .set_help("fill the icon's background with iconBrandColor, or set iconBrandColor to the background colour");
            }
        }
        if let Some(edge) = edge
            && let Some(corner) = s.corners.iter().find(|c| !close(**c, edge, TOLERANCE))
        {
            cx.report_file(&entry, format!("the icon's corners ({}) differ from its edges ({}): rounded corners or a frame", hex(*corner), hex(edge)))
                .set_help("fill the whole square with the background colour; the platform rounds the tile itself");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::png_from;
    use super::*;
    use crate::test_support::{Fixture, check, solid_png};

    const BRAND: [u8; 4] = [0x3A, 0x5F, 0x8C, 255];

    #[test]
    fn brand_background_passes() {
        assert!(check(&IconBackgroundColor, &Fixture::new().build()).is_empty());
        // A logo in the middle does not disturb the samples.
        let icon = png_from(230, 230, |x, y| {
            if (35..195).contains(&x) && (35..195).contains(&y) {
                [255, 255, 255, 255]
            } else {
                BRAND
            }
        });
        assert!(
            check(&IconBackgroundColor, &Fixture::new().set("icon.png", icon).build()).is_empty()
        );
    }

    #[test]
    fn white_and_mismatched_backgrounds_fail() {
        let white = solid_png(230, 230, [255, 255, 255, 255], png::ColorType::Rgb);
        let d = check(&IconBackgroundColor, &Fixture::new().set("icon.png", white).build());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("white"));
        assert_eq!(d[0].severity, Severity::Warning);
        let blue = solid_png(230, 230, [0x00, 0x78, 0xD4, 255], png::ColorType::Rgb);
        let d = check(&IconBackgroundColor, &Fixture::new().set("icon.png", blue).build());
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("#0078D4 does not match iconBrandColor #3A5F8C"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn rounded_corners_fail() {
        let icon = png_from(230, 230, |x, y| {
            let corner = !(10..=219).contains(&x) && !(10..=219).contains(&y);
            if corner { [255, 255, 255, 255] } else { BRAND }
        });
        let d = check(&IconBackgroundColor, &Fixture::new().set("icon.png", icon).build());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("rounded corners"));
    }
}
