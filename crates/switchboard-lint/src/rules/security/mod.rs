//! Security definitions (catalog §2.8, SW170–SW174).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
