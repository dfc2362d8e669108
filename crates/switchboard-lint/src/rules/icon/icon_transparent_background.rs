use crate::{Check, Context, Levels, Profile, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Decodes the icon and checks that its four corner pixels are fully opaque, i.e. that the
    /// logo sits on a solid background rather than a transparent one.
    ///
    /// ## Why it matters
    /// The submission guide asks for a logo on a non-transparent background of the brand colour
    /// (policy 5000.2.1.5): transparent icons look different on every surface (white designer
    /// panes, dark mode) and may vanish against them. An alpha channel alone is fine as long
    /// as the background is opaque, so the pixels are checked, not the colour type.
    ///
    /// ## Example
    /// A logo exported from a design tool with "transparent background" ticked.
    ///
    /// ## Fix
    /// Fill the background with `iconBrandColor` and export without transparency.
    pub IconTransparentBackground {
        code: "IC004",
        name: "icon-transparent-background",
        group: Icon,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for IconTransparentBackground {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.profile() == Profile::IndependentPublisher {
            return; // PK006
        }
        let Some(icon) = cx.connector().icon.as_ref() else { return };
        let Some(Ok(s)) = cx.texts().icon_samples() else { return }; // IC001 / IC003
        let transparent = s.corners.iter().filter(|p| p[3] < 255).count();
        if transparent > 0 {
            let entry = icon.entry.clone();
            cx.report_file(&entry, format!("the icon's background is transparent ({transparent} of 4 corner pixels are not opaque)"))
                .set_help("fill the background with the brand colour (iconBrandColor) and export without transparency");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::png_from;
    use super::*;
    use crate::test_support::{Fixture, check, solid_png};

    #[test]
    fn opaque_background_passes_even_with_an_alpha_channel() {
        assert!(check(&IconTransparentBackground, &Fixture::new().build()).is_empty());
        let rgba = solid_png(230, 230, [0x3A, 0x5F, 0x8C, 255], png::ColorType::Rgba);
        assert!(
            check(&IconTransparentBackground, &Fixture::new().set("icon.png", rgba).build())
                .is_empty()
        );
    }

    #[test]
    fn transparent_corners_fail() {
        let icon = png_from(230, 230, |x, y| {
            let inside = (30..200).contains(&x) && (30..200).contains(&y);
            if inside { [0x3A, 0x5F, 0x8C, 255] } else { [0, 0, 0, 0] }
        });
        let d = check(&IconTransparentBackground, &Fixture::new().set("icon.png", icon).build());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("4 of 4"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
