//! Host, schemes and paths (catalog §2.2, SW040–SW059).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
