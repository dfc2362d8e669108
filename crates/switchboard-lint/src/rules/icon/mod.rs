//! The icon (catalog §4, IC001–IC005; IC006 is not implemented, see `icon_background_color`).

pub(crate) mod common;

mod icon_background_color;
mod icon_dimensions;
mod icon_not_png;
mod icon_too_large;
mod icon_transparent_background;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &icon_not_png::IconNotPng,
    &icon_too_large::IconTooLarge,
    &icon_dimensions::IconDimensions,
    &icon_transparent_background::IconTransparentBackground,
    &icon_background_color::IconBackgroundColor,
];
