//! A small C# lexer shared by the script.csx rules: it blanks out comments and the contents of
//! string and character literals (keeping every byte offset and newline), so that the rules can
//! search the code with regular expressions without matching inside strings or comments, and
//! it lists the string literals for the rules that look at them (hard-coded secrets).

use switchboard_model::Span;

/// A string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StringLit {
    /// The whole literal, prefix and quotes included.
    pub start: usize,
    /// One past the closing quote.
    pub end: usize,
    /// The content between the quotes.
    pub content_start: usize,
    /// End of the content.
    pub content_end: usize,
    /// `$"…"` (the content holds interpolation holes).
    pub interpolated: bool,
}

/// What was left open at the end of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unterminated {
    /// "comment", "string" or "character literal".
    pub kind: &'static str,
    /// Where it starts.
    pub start: usize,
}

/// A lexed script.
#[derive(Debug)]
pub(crate) struct CSharp {
    /// The code with comments and literal contents replaced by spaces.
    pub masked: Vec<u8>,
    /// Every string literal, in order.
    pub strings: Vec<StringLit>,
    /// A comment or literal still open at the end of the file (a truncated file).
    pub unterminated: Option<Unterminated>,
}

impl CSharp {
    /// Lexes `code`.
    pub fn lex(code: &[u8]) -> Self {
        let mut lexer =
            Lexer { code, masked: code.to_vec(), strings: Vec::new(), unterminated: None };
        lexer.run();
        CSharp { masked: lexer.masked, strings: lexer.strings, unterminated: lexer.unterminated }
    }

    /// The brace depth (`{` minus `}`) before each byte offset in `offsets` (ascending).
    pub fn depths_at(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<i64> {
        let mut out = Vec::new();
        let mut depth = 0i64;
        let mut pos = 0usize;
        for target in offsets {
            let target = target.min(self.masked.len());
            while pos < target {
                match self.masked[pos] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
                pos += 1;
            }
            out.push(depth);
        }
        out
    }
}

struct Lexer<'c> {
    code: &'c [u8],
    masked: Vec<u8>,
    strings: Vec<StringLit>,
    unterminated: Option<Unterminated>,
}

impl Lexer<'_> {
    fn at(&self, i: usize) -> u8 {
        self.code.get(i).copied().unwrap_or(0)
    }

    fn blank(&mut self, from: usize, to: usize) {
        let to = to.min(self.masked.len());
        for b in self.masked.get_mut(from..to).into_iter().flatten() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }

    fn open(&mut self, kind: &'static str, start: usize) {
        if self.unterminated.is_none() {
            self.unterminated = Some(Unterminated { kind, start });
        }
    }

    fn run(&mut self) {
        let n = self.code.len();
        let mut i = 0usize;
        while i < n {
            let b = self.code[i];
            let prev_ident = i > 0 && is_ident(self.code[i - 1]);
            match b {
                b'/' if self.at(i + 1) == b'/' => {
                    let end = memchr_newline(self.code, i);
                    self.blank(i, end);
                    i = end;
                }
                b'/' if self.at(i + 1) == b'*' => {
                    let end = find(self.code, i + 2, b"*/").map_or_else(
                        || {
                            self.open("comment", i);
                            n
                        },
                        |e| e + 2,
                    );
                    self.blank(i, end);
                    i = end;
                }
                b'\'' => i = self.char_literal(i),
                b'"' | b'$' | b'@' if !prev_ident => {
                    // Prefix: any mix of `$` and at most one `@`, then a quote.
                    let mut j = i;
                    let mut dollars = 0usize;
                    let mut verbatim = false;
                    while j < n && (self.code[j] == b'$' || self.code[j] == b'@') {
                        if self.code[j] == b'$' {
                            dollars += 1;
                        } else {
                            verbatim = true;
                        }
                        j += 1;
                    }
                    if self.at(j) == b'"' {
                        i = self.string(i, j, dollars > 0, verbatim);
                    } else {
                        i = j.max(i + 1);
                    }
                }
                _ => i += 1,
            }
        }
    }

    /// A character literal at `i` (`'x'`, `'\n'`, `'\u0041'`); an apostrophe that does not
    /// start one is skipped.
    fn char_literal(&mut self, i: usize) -> usize {
        let mut j = i + 1;
        if self.at(j) == b'\\' {
            j += 2;
            while j < self.code.len()
                && j < i + 12
                && self.code[j] != b'\''
                && self.code[j] != b'\n'
            {
                j += 1;
            }
        } else {
            // One character, possibly several UTF-8 bytes.
            j += 1;
            while j < self.code.len() && (self.code[j] & 0xC0) == 0x80 {
                j += 1;
            }
        }
        if self.at(j) == b'\'' {
            self.blank(i + 1, j);
            j + 1
        } else {
            i + 1
        }
    }

    /// A string literal whose prefix starts at `start` and whose first quote is at `quote`.
    fn string(&mut self, start: usize, quote: usize, interpolated: bool, verbatim: bool) -> usize {
        let n = self.code.len();
        let quotes = self.code[quote..].iter().take_while(|&&b| b == b'"').count();
        if quotes >= 3 {
            // Raw string literal: ends at the next run of the same number of quotes.
            let content_start = quote + quotes;
            let closing = vec![b'"'; quotes];
            let (content_end, end) = if let Some(e) = find(self.code, content_start, &closing) {
                (e, e + quotes)
            } else {
                self.open("string", start);
                (n, n)
            };
            self.blank(content_start, content_end);
            self.strings.push(StringLit { start, end, content_start, content_end, interpolated });
            return end;
        }
        let content_start = quote + 1;
        let mut j = content_start;
        let mut holes = 0usize;
        let end = loop {
            let Some(&b) = self.code.get(j) else {
                self.open("string", start);
                break n;
            };
            match b {
                b'\\' if !verbatim => j += 2,
                b'"' if verbatim && self.at(j + 1) == b'"' => j += 2,
                b'"' if holes == 0 => break j + 1,
                b'\n' if !verbatim && holes == 0 => {
                    // A regular string cannot span lines.
                    self.open("string", start);
                    break j;
                }
                b'{' if interpolated => {
                    if holes == 0 && self.at(j + 1) == b'{' {
                        j += 2;
                    } else {
                        holes += 1;
                        j += 1;
                    }
                }
                b'}' if interpolated && holes > 0 => {
                    holes -= 1;
                    j += 1;
                }
                b'"' => {
                    // A nested string inside an interpolation hole.
                    j += 1;
                    while j < n && self.code[j] != b'"' && self.code[j] != b'\n' {
                        j += if self.code[j] == b'\\' { 2 } else { 1 };
                    }
                    j += 1;
                }
                _ => j += 1,
            }
        };
        let end = end.min(n);
        let content_end = if end > content_start && self.code.get(end - 1) == Some(&b'"') {
            end - 1
        } else {
            end
        };
        self.blank(content_start, content_end);
        self.strings.push(StringLit { start, end, content_start, content_end, interpolated });
        end
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn memchr_newline(code: &[u8], from: usize) -> usize {
    code[from..].iter().position(|&b| b == b'\n').map_or(code.len(), |p| from + p)
}

fn find(code: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    code.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// A span from `usize` offsets.
pub(crate) fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(code: &str) -> String {
        String::from_utf8(CSharp::lex(code.as_bytes()).masked).unwrap_or_default()
    }

    #[test]
    fn comments_and_literals_are_blanked() {
        assert_eq!(masked("a // {\nb /* } */ c"), "a     \nb         c");
        assert_eq!(masked(r#"x = "{\"}"; y = '{';"#), r#"x = "    "; y = ' ';"#);
        assert_eq!(masked("v = @\"a\"\"{\" + 1;"), "v = @\"    \" + 1;");
        assert_eq!(
            masked("s = $\"{a} {{ {(b ? \"}\" : c)}\";"),
            "s = $\"                      \";"
        );
        assert_eq!(masked("r = \"\"\"\n{ \"x\" }\n\"\"\";"), "r = \"\"\"\n       \n\"\"\";");
        assert_eq!(masked("it's"), "it's");
    }

    #[test]
    fn strings_are_listed_and_truncation_is_noticed() {
        let code = "var k = \"abc\"; var s = $\"x{y}\";";
        let lexed = CSharp::lex(code.as_bytes());
        let contents: Vec<&str> =
            lexed.strings.iter().map(|s| &code[s.content_start..s.content_end]).collect();
        assert_eq!(contents, ["abc", "x{y}"]);
        assert!(lexed.strings[1].interpolated);
        assert_eq!(lexed.unterminated, None);
        let open = CSharp::lex(b"class A { /* never closed");
        assert_eq!(open.unterminated, Some(Unterminated { kind: "comment", start: 10 }));
        let open = CSharp::lex(b"var s = \"abc\nx");
        assert_eq!(open.unterminated.map(|u| u.kind), Some("string"));
        assert_eq!(lexed.depths_at([0, 5]), [0, 0]);
        assert_eq!(CSharp::lex(b"{ { } x").depths_at([2, 7]), [1, 1]);
    }
}
