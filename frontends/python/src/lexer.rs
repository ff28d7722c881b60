//! The Python lexer: a logos token enum, wrapped to produce the NEWLINE / INDENT / DEDENT
//! tokens of CPython's tokenizer (style-anchors §2(b)).
//!
//! - Inside brackets newlines are insignificant (implicit joining); `\` + newline joins
//!   explicitly; comments and blank lines are not logical lines.
//! - Indentation is measured twice, with tabs to the next multiple of 8 and with tabs as
//!   one column, as CPython does: when the two disagree on whether a line is deeper,
//!   level or shallower, the line is rejected ("inconsistent use of tabs and spaces").
//! - Strings are kept raw (prefix and quotes included); `strings.rs` decodes them.
//!
//! **IMPORTANT** the keyword list is kept in sync with the `extern` block of
//! `grammar.lalrpop`.

use logos::Logos;
use std::collections::VecDeque;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LexErrorKind {
    #[default]
    UnexpectedChar,
}

/// A lexical error with the byte range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexicalError {
    pub message: String,
    pub span: Range<usize>,
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexErrorKind)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(skip r"\\\r?\n")]
pub enum Tok<'src> {
    #[regex(r"\r?\n")]
    Newline,
    /// Synthesised by [`Lexer`].
    Indent,
    /// Synthesised by [`Lexer`].
    Dedent,

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    #[regex(r"[\p{XID_Start}_][\p{XID_Continue}]*", |lex| lex.slice())]
    Name(&'src str),
    #[regex(r"[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+", |lex| lex.slice())]
    Int(&'src str),
    #[regex(r"([0-9][0-9_]*)?\.[0-9][0-9_]*([eE][+-]?[0-9]+)?|[0-9][0-9_]*\.([eE][+-]?[0-9]+)?|[0-9][0-9_]*[eE][+-]?[0-9]+", |lex| lex.slice())]
    Float(&'src str),
    #[regex(r"([0-9][0-9_]*|[0-9]*\.[0-9]+)[jJ]", |lex| lex.slice())]
    Imaginary(&'src str),
    #[regex(r#"[rRbBuUfF]{0,2}'([^'\\\r\n]|\\(.|\r?\n))*'"#, |lex| lex.slice())]
    #[regex(r#"[rRbBuUfF]{0,2}"([^"\\\r\n]|\\(.|\r?\n))*""#, |lex| lex.slice())]
    #[regex(r#"[rRbBuUfF]{0,2}'''"#, |lex| triple(lex, "'''"))]
    #[regex(r#"[rRbBuUfF]{0,2}""""#, |lex| triple(lex, "\"\"\""))]
    Str(&'src str),
    /// A string that does not end on its line (or a triple-quoted one at end of file).
    #[regex(r#"[rRbBuUfF]{0,2}'([^'\\\r\n]|\\(.|\r?\n))*"#, |lex| lex.slice())]
    #[regex(r#"[rRbBuUfF]{0,2}"([^"\\\r\n]|\\(.|\r?\n))*"#, |lex| lex.slice())]
    Unterminated(&'src str),

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("->")]
    Arrow,
    #[token("=")]
    Assign,
    #[token(":=")]
    Walrus,
    #[token("+=")]
    PlusEq,
    #[token("-=")]
    MinusEq,
    #[token("*=")]
    StarEq,
    #[token("/=")]
    SlashEq,
    #[token("//=")]
    DSlashEq,
    #[token("%=")]
    PercentEq,
    #[token("**=")]
    DStarEq,
    #[regex(r"(@|&|\||\^|<<|>>)=", |lex| lex.slice())]
    OtherAugAssign(&'src str),
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("==")]
    EqEq,
    #[token("!=")]
    Ne,
}

/// A decimal integer literal with a leading zero and a nonzero digit (`012`, `0_1`; `00` is
/// zero): CPython refuses it, since Python 2's octal literals were written so.
fn leading_zero(digits: &str) -> bool {
    digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && digits.bytes().any(|b| matches!(b, b'1'..=b'9'))
}

/// Scans a triple-quoted string to its closing quotes; `None` (an error) at end of input.
fn triple<'src>(lex: &mut logos::Lexer<'src, Tok<'src>>, close: &str) -> Option<&'src str> {
    let rest = lex.remainder();
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
        } else if bytes[i..].starts_with(close.as_bytes()) {
            lex.bump(i + 3);
            return Some(lex.slice());
        } else {
            i += 1;
        }
    }
    lex.bump(rest.len());
    None
}

pub type Spanned<'src> = Result<(usize, Tok<'src>, usize), LexicalError>;

/// The token stream the grammar reads.
pub struct Lexer<'src> {
    inner: logos::Lexer<'src, Tok<'src>>,
    pending: VecDeque<Spanned<'src>>,
    /// Indentation levels as (columns with tabs to 8, columns with tabs as 1); bottom (0, 0).
    indents: Vec<(usize, usize)>,
    nesting: usize,
    at_line_start: bool,
    after_newline: bool,
    done: bool,
    /// Lexing one expression (an f-string field): newlines and indentation are insignificant.
    expression: bool,
}

impl<'src> Lexer<'src> {
    /// A lexer for a module. A UTF-8 byte order mark at the start is skipped, as CPython
    /// does (spans stay byte offsets into `source`). Line breaks are LF or CR LF: `parse`
    /// turns a lone CR (old Mac line endings, which CPython accepts) into LF first.
    pub fn new(source: &'src str) -> Lexer<'src> {
        let mut inner = Tok::lexer(source);
        if source.starts_with('\u{feff}') {
            inner.bump('\u{feff}'.len_utf8());
        }
        Lexer {
            inner,
            pending: VecDeque::new(),
            indents: vec![(0, 0)],
            nesting: 0,
            at_line_start: true,
            after_newline: true,
            done: false,
            expression: false,
        }
    }

    /// A lexer for one expression: the text is as if inside brackets.
    pub fn expression(source: &'src str) -> Lexer<'src> {
        Lexer {
            nesting: 1,
            at_line_start: false,
            expression: true,
            ..Lexer::new(source)
        }
    }

    fn error(&mut self, message: impl Into<String>, span: Range<usize>) {
        self.pending.push_back(Err(LexicalError {
            message: message.into(),
            span,
        }));
    }

    /// Measures the indentation of the next logical line, queueing INDENT/DEDENTs.
    fn measure_indentation(&mut self) {
        loop {
            let line_start = self.inner.span().end;
            let rest = self.inner.remainder();
            let (mut wide, mut narrow, mut n) = (0usize, 0usize, 0usize);
            for b in rest.bytes() {
                match b {
                    b' ' => {
                        wide += 1;
                        narrow += 1;
                    }
                    b'\t' => {
                        wide += 8 - wide % 8;
                        narrow += 1;
                    }
                    b'\x0C' => {
                        wide = 0;
                        narrow = 0;
                    }
                    _ => break,
                }
                n += 1;
            }
            let after = &rest[n..];
            let continuation = after.starts_with("\\\n") || after.starts_with("\\\r\n");
            if after.is_empty()
                || after.starts_with(['\n', '\r', '#'])
                || continuation && after.len() <= 3
            {
                // Not a logical line: skip it whole.
                match after.find('\n') {
                    Some(nl) => {
                        self.inner.bump(n + nl + 1);
                        continue;
                    }
                    None => {
                        self.inner.bump(rest.len());
                        return;
                    }
                }
            }
            self.inner.bump(n);
            let here = line_start + n;
            let top = *self
                .indents
                .last()
                .expect("the indentation stack is never empty");
            let consistent = wide.cmp(&top.0) == narrow.cmp(&top.1);
            if !consistent {
                self.error(
                    "inconsistent use of tabs and spaces in indentation",
                    line_start..here,
                );
                return;
            }
            if wide > top.0 {
                self.indents.push((wide, narrow));
                self.pending.push_back(Ok((line_start, Tok::Indent, here)));
            } else {
                while wide < self.indents.last().expect("never empty").0 {
                    self.indents.pop();
                    self.pending.push_back(Ok((here, Tok::Dedent, here)));
                }
                let top = *self.indents.last().expect("never empty");
                if wide != top.0 || narrow != top.1 {
                    self.error(
                        "unindent does not match any outer indentation level",
                        line_start..here,
                    );
                }
            }
            return;
        }
    }

    fn finish(&mut self) {
        let end = self.inner.source().len();
        if !self.after_newline && !self.expression {
            self.pending.push_back(Ok((end, Tok::Newline, end)));
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.pending.push_back(Ok((end, Tok::Dedent, end)));
        }
        self.done = true;
    }
}

impl<'src> Iterator for Lexer<'src> {
    type Item = Spanned<'src>;

    fn next(&mut self) -> Option<Spanned<'src>> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(t);
            }
            if self.done {
                return None;
            }
            if self.at_line_start && self.nesting == 0 {
                self.at_line_start = false;
                self.measure_indentation();
                continue;
            }
            let Some(tok) = self.inner.next() else {
                self.finish();
                continue;
            };
            let span = self.inner.span();
            let tok = match tok {
                Ok(Tok::Unterminated(_)) => {
                    self.error("unterminated string literal", span.start..span.start + 1);
                    continue;
                }
                Err(_)
                    if self.inner.slice().contains("'''")
                        || self.inner.slice().contains("\"\"\"") =>
                {
                    self.error(
                        "unterminated triple-quoted string literal",
                        span.start..span.start + 3,
                    );
                    continue;
                }
                Err(_) => {
                    let c = self.inner.slice().chars().next().unwrap_or(' ');
                    let message = match c {
                        '$' | '?' | '`' => format!("invalid character '{c}'"),
                        '!' => "invalid syntax: `!` on its own is not an operator".into(),
                        '\\' => "unexpected character after line continuation character".into(),
                        _ => format!("invalid character '{c}' (U+{:04X})", c as u32),
                    };
                    self.error(message, span);
                    continue;
                }
                Ok(Tok::Int(digits)) if leading_zero(digits) => {
                    self.error(
                        "leading zeros in decimal integer literals are not permitted; use an 0o \
                     prefix for octal integers",
                        span,
                    );
                    continue;
                }
                Ok(t) => t,
            };
            match tok {
                Tok::Newline => {
                    if self.nesting > 0 || self.after_newline {
                        continue;
                    }
                    self.at_line_start = true;
                    self.after_newline = true;
                }
                Tok::LParen | Tok::LBracket | Tok::LBrace => self.nesting += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => {
                    self.nesting = self.nesting.saturating_sub(1).max(self.expression as usize)
                }
                _ => {}
            }
            if tok != Tok::Newline {
                self.after_newline = false;
            }
            return Some(Ok((span.start, tok, span.end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triple_quoted_strings_scan_bytes_not_chars() {
        let toks: Vec<_> = Lexer::new("x = '''\u{e9}\\\u{e9}'''\n'''\\\u{e9}").collect();
        assert!(toks.iter().any(|t| matches!(t, Ok((_, Tok::Str(_), _)))));
        assert!(
            toks.iter().any(|t| t.is_err()),
            "the second string is unterminated"
        );
    }

    /// As CPython 3.11 judges `x = LIT` (`compile`): only the decimal integers with a
    /// leading zero and a nonzero digit are refused.
    #[test]
    fn leading_zeros() {
        let refused = |lit: &str| Lexer::new(&format!("x = {lit}\n")).any(|t| t.is_err());
        for ok in ["00", "0_0", "0", "10", "012.5", "012e1", "012j", "0x12"] {
            assert!(!refused(ok), "{ok}");
        }
        for bad in ["012", "0_1", "007"] {
            assert!(refused(bad), "{bad}");
        }
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_skipped() {
        let toks: Vec<_> = Lexer::new("\u{feff}x = 1\n").collect();
        assert_eq!(toks.first(), Some(&Ok((3, Tok::Name("x"), 4))));
        assert!(toks.iter().all(Result::is_ok));
        // Anywhere else it is an invalid character, as in CPython.
        assert!(Lexer::new("x = 1\n\u{feff}y = 2\n").any(|t| t.is_err()));
    }

    #[test]
    fn dedent_tokens_close_every_level_at_the_end() {
        let toks: Vec<Tok> = Lexer::new("if a:\n    if b:\n        c")
            .filter_map(|t| t.ok())
            .map(|t| t.1)
            .collect();
        let dedents = toks.iter().filter(|t| **t == Tok::Dedent).count();
        assert_eq!(dedents, 2);
        assert_eq!(toks.iter().filter(|t| **t == Tok::Newline).count(), 3);
    }
}
