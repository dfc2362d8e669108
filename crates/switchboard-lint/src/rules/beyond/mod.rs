//! Checks beyond Microsoft's (catalog §11, BX001–BX026).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
