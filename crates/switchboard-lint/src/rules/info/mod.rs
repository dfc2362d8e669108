//! Swagger root, `info` and connector metadata (catalog §2.1, SW001–SW037).

mod swagger_version;
mod title_too_long;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] =
    &[&swagger_version::SwaggerVersion, &title_too_long::TitleTooLong];
