//! Submission archives (catalog §8.1, ZP001–ZP003).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
