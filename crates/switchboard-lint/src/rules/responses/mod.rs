//! Responses (catalog §2.4, SW090–SW099).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
