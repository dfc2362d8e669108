//! Helpers shared by the string rules. The walk over text objects is in the index
//! (`SwaggerIndex::text_fields`), done once per connector.

/// ASCII replacements for the typographic characters that usually make a string non-ASCII.
pub(crate) fn ascii_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => "\"",
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202F}' => " ",
        '\u{200B}' | '\u{FEFF}' => "",
        '\u{2022}' => "*",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements() {
        assert_eq!(ascii_replacement('\u{2019}'), Some("'"));
        assert_eq!(ascii_replacement('é'), None);
    }
}
