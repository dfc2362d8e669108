//! readme.md (catalog §6, RM001–RM013).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
