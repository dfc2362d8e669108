//! Custom code, script.csx (catalog §5, CS001–CS009).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
