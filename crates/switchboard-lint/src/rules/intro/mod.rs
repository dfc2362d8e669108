//! intro.md (catalog §7, IN000–IN007).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
