//! Operation path templates, parsed once into literal and variable pieces.
//!
//! A segment may mix literals and variables (`ProductSet('{id}')`, `{cardType}:{cardId}`): the
//! corpus has 237 such templates, so pieces are not aligned to `/` segments.

/// One piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPiece {
    /// Text sent as written.
    Literal(String),
    /// A `{name}` token replaced by the encoded value of path parameter `name`.
    Variable(String),
}

/// A parsed path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    /// The template as written in `paths`.
    pub text: String,
    /// The pieces in order.
    pub pieces: Vec<PathPiece>,
}

impl PathTemplate {
    /// Parses `text`. An unterminated `{` stays literal (the linter reports it).
    pub fn parse(text: &str) -> Self {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
            let name = &rest[open + 1..close];
            literal.push_str(&rest[..open]);
            if name.is_empty() {
                literal.push_str("{}");
            } else {
                if !literal.is_empty() {
                    pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(PathPiece::Variable(name.to_string()));
            }
            rest = &rest[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(PathPiece::Literal(literal));
        }
        Self { text: text.to_string(), pieces }
    }

    /// The variable names in order of appearance.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            PathPiece::Variable(v) => Some(v.as_str()),
            PathPiece::Literal(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intra_segment_templates_parse_into_pieces() {
        let t = PathTemplate::parse("/sap/ProductSet('{id}')/{cardType}:{cardId}");
        assert_eq!(
            t.pieces,
            [
                PathPiece::Literal("/sap/ProductSet('".into()),
                PathPiece::Variable("id".into()),
                PathPiece::Literal("')/".into()),
                PathPiece::Variable("cardType".into()),
                PathPiece::Literal(":".into()),
                PathPiece::Variable("cardId".into()),
            ]
        );
        assert_eq!(t.variables().collect::<Vec<_>>(), ["id", "cardType", "cardId"]);
    }

    #[test]
    fn unterminated_and_empty_braces_stay_literal() {
        let t = PathTemplate::parse("/a/{}/b{c");
        assert_eq!(t.pieces, [PathPiece::Literal("/a/{}/b{c".into())]);
    }
}
