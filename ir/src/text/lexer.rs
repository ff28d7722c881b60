//! The `.tl` lexer: a logos token enum and a wrapper that gives lalrpop
//! `(start, token, end)` triples with byte offsets.
//!
//! Numbers are lexed by one broad regex and classified by the wrapper, so `1.x` or `1e`
//! is one bad literal with a clear message rather than a confusing token sequence.
//! Strings and backquoted names are scanned by hand so escape errors point at the escape.
//!
//! **IMPORTANT** the keyword list is kept in sync with [`KEYWORDS`] (used by the printer to
//! decide when a name needs backquotes) and with the `Word` rule in `grammar.lalrpop`.

use logos::Logos;
use num_bigint::BigInt;
use std::ops::Range;

/// Words that cannot be plain names.
pub const KEYWORDS: [&str; 30] = [
    "dialect",
    "fun",
    "let",
    "set",
    "if",
    "else",
    "while",
    "label",
    "break",
    "do",
    "prim",
    "clos",
    "throw",
    "try",
    "catch",
    "finally",
    "event",
    "register",
    "unknown",
    "guard",
    "alias",
    "callback",
    "typed",
    "undefined",
    "null",
    "true",
    "false",
    "NaN",
    "Infinity",
    "is",
];

/// A lexical error with the byte range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    pub span: Range<usize>,
}

/// What a logos callback reports; the wrapper turns it into a [`LexError`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LexErrorKind {
    #[default]
    UnexpectedChar,
    At(LexError),
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexErrorKind)]
#[logos(skip r"[ \t\r\n\f]+")]
#[logos(skip(r"//[^\n]*", allow_greedy = true))]
pub enum Tok {
    #[token("dialect")]
    Dialect,
    #[token("fun")]
    Fun,
    #[token("let")]
    Let,
    #[token("set")]
    Set,
    #[token("if")]
    If,
    #[token("else")]
    Else,
    #[token("while")]
    While,
    #[token("label")]
    Label,
    #[token("break")]
    Break,
    #[token("do")]
    Do,
    #[token("prim")]
    Prim,
    #[token("clos")]
    Clos,
    #[token("throw")]
    Throw,
    #[token("try")]
    Try,
    #[token("catch")]
    Catch,
    #[token("finally")]
    Finally,
    #[token("event")]
    Event,
    #[token("register")]
    Register,
    #[token("unknown")]
    Unknown,
    #[token("guard")]
    Guard,
    #[token("alias")]
    Alias,
    #[token("callback")]
    Callback,
    #[token("typed")]
    Typed,
    #[token("undefined")]
    Undefined,
    #[token("null")]
    Null,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("NaN")]
    NaN,
    #[token("Infinity")]
    Infinity,
    #[token("-Infinity")]
    NegInfinity,
    #[token("is")]
    Is,

    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("=")]
    Eq,
    #[token("->")]
    Arrow,
    #[token("=>")]
    FatArrow,
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

    #[regex(r"[A-Za-z_$][A-Za-z0-9_$#]*", |lex| lex.slice().to_string())]
    Ident(String),
    #[token("`", lex_quoted)]
    Quoted(String),
    #[token("\"", lex_string)]
    Str(String),
    /// Any digit-led run; the wrapper turns it into `Int` or `Float` or an error.
    #[regex(r"-?[0-9]([0-9A-Za-z_.$#]|[eE][+-])*")]
    Number,
    /// Produced by the wrapper from `Number`, never by logos.
    Int(BigInt),
    /// Produced by the wrapper from `Number`, never by logos.
    Float(f64),
}

fn error(message: impl Into<String>, span: Range<usize>) -> LexErrorKind {
    LexErrorKind::At(LexError {
        message: message.into(),
        span,
    })
}

/// Scans a backquoted name after its opening backquote; only `` \` `` and `\\` are escapes.
fn lex_quoted(lex: &mut logos::Lexer<Tok>) -> Result<String, LexErrorKind> {
    let start = lex.span().start;
    let base = lex.span().end;
    let rest = lex.remainder();
    let mut out = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '`' => {
                lex.bump(i + 1);
                return Ok(out);
            }
            '\\' => match chars.next() {
                Some((_, c @ ('`' | '\\'))) => out.push(c),
                Some((j, c)) => {
                    let span = base + i..base + j + c.len_utf8();
                    return Err(error(
                        "invalid escape in a backquoted name (only \\` and \\\\)",
                        span,
                    ));
                }
                None => break,
            },
            c => out.push(c),
        }
    }
    Err(error(
        "unterminated backquoted name",
        start..base + rest.len(),
    ))
}

/// Scans a string literal after its opening quote.
fn lex_string(lex: &mut logos::Lexer<Tok>) -> Result<String, LexErrorKind> {
    let start = lex.span().start;
    let base = lex.span().end;
    let rest = lex.remainder();
    let mut out = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                lex.bump(i + 1);
                return Ok(out);
            }
            '\\' => {
                let Some((j, e)) = chars.next() else { break };
                let bad = |end: usize| error("invalid escape in a string", base + i..base + end);
                match e {
                    '"' | '\\' => out.push(e),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let mut end = j + 1;
                        if chars.next_if(|&(_, c)| c == '{').is_none() {
                            return Err(bad(end));
                        }
                        end += 1;
                        let mut hex = String::new();
                        while let Some((k, h)) = chars.next_if(|&(_, c)| c != '}' && c != '"') {
                            hex.push(h);
                            end = k + h.len_utf8();
                        }
                        match chars.next_if(|&(_, c)| c == '}') {
                            Some((k, _)) => end = k + 1,
                            None => return Err(bad(end)),
                        }
                        let scalar = (1..=6)
                            .contains(&hex.len())
                            .then(|| u32::from_str_radix(&hex, 16).ok())
                            .flatten()
                            .and_then(char::from_u32);
                        match scalar {
                            Some(c) => out.push(c),
                            None => return Err(bad(end)),
                        }
                    }
                    _ => return Err(bad(j + e.len_utf8())),
                }
            }
            c => out.push(c),
        }
    }
    Err(error("unterminated string", start..base + rest.len()))
}

/// Turns the text of a `Number` token into an `Int` or `Float`.
fn number(text: &str) -> Result<Tok, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<BigInt>()
            .map(Tok::Int)
            .map_err(|e| format!("invalid integer `{text}`: {e}"));
    }
    if !is_float_syntax(digits) {
        return Err(format!(
            "invalid number `{text}` (floats look like `2.5`, `-0.0`, `1e21`, `5e-324`)"
        ));
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Tok::Float(x)),
        _ => Err(format!(
            "float `{text}` is out of range (write `Infinity` or `-Infinity`)"
        )),
    }
}

/// `[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?` with a `.` or an exponent.
fn is_float_syntax(s: &str) -> bool {
    fn digits(s: &str) -> (usize, &str) {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n, &s[n..])
    }
    let (n, mut rest) = digits(s);
    let mut float = false;
    if n == 0 {
        return false;
    }
    if let Some(r) = rest.strip_prefix('.') {
        let (n, r) = digits(r);
        if n == 0 {
            return false;
        }
        rest = r;
        float = true;
    }
    if let Some(r) = rest.strip_prefix(['e', 'E']) {
        let r = r.strip_prefix(['+', '-']).unwrap_or(r);
        let (n, r) = digits(r);
        if n == 0 {
            return false;
        }
        rest = r;
        float = true;
    }
    float && rest.is_empty()
}

/// A lexed token with its byte offsets, as lalrpop wants it.
pub type Spanned = Result<(usize, Tok, usize), LexError>;

/// Lexes the whole input, stopping after the first error.
pub fn tokens(src: &str) -> Vec<Spanned> {
    let mut lex = Tok::lexer(src);
    let mut out = Vec::new();
    while let Some(next) = lex.next() {
        let span = lex.span();
        let item = match next {
            Ok(Tok::Number) => number(lex.slice())
                .map(|tok| (span.start, tok, span.end))
                .map_err(|message| LexError { message, span }),
            Ok(tok) => Ok((span.start, tok, span.end)),
            Err(LexErrorKind::At(e)) => Err(e),
            Err(LexErrorKind::UnexpectedChar) => Err(unexpected_char(src, span)),
        };
        let stop = item.is_err();
        out.push(item);
        if stop {
            break;
        }
    }
    out
}

fn unexpected_char(src: &str, span: Range<usize>) -> LexError {
    // Widen to whole characters so the span never splits a UTF-8 sequence.
    let mut start = span.start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let c = src[start..].chars().next();
    let end = start + c.map_or(0, char::len_utf8);
    let message = match c {
        Some(c) => format!("unexpected character {c:?}"),
        None => "unexpected end of input".to_string(),
    };
    LexError {
        message,
        span: start..end,
    }
}

/// How a token is named in diagnostics.
pub fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(n) => format!("name `{n}`"),
        Tok::Quoted(n) => format!("backquoted name `{n}`"),
        Tok::Str(_) => "string".to_string(),
        Tok::Int(n) => format!("integer `{n}`"),
        Tok::Float(x) => format!("float `{x:?}`"),
        Tok::Number => "number".to_string(),
        other => format!("`{}`", spelling(other).unwrap_or("?")),
    }
}

/// The fixed spelling of a keyword or punctuation token.
pub fn spelling(tok: &Tok) -> Option<&'static str> {
    use Tok::*;
    Some(match tok {
        Dialect => "dialect",
        Fun => "fun",
        Let => "let",
        Set => "set",
        If => "if",
        Else => "else",
        While => "while",
        Label => "label",
        Break => "break",
        Do => "do",
        Prim => "prim",
        Clos => "clos",
        Throw => "throw",
        Try => "try",
        Catch => "catch",
        Finally => "finally",
        Event => "event",
        Register => "register",
        Unknown => "unknown",
        Guard => "guard",
        Alias => "alias",
        Callback => "callback",
        Typed => "typed",
        Undefined => "undefined",
        Null => "null",
        True => "true",
        False => "false",
        NaN => "NaN",
        Infinity => "Infinity",
        NegInfinity => "-Infinity",
        Is => "is",
        Semi => ";",
        Comma => ",",
        Colon => ":",
        Dot => ".",
        Eq => "=",
        Arrow => "->",
        FatArrow => "=>",
        LParen => "(",
        RParen => ")",
        LBracket => "[",
        RBracket => "]",
        LBrace => "{",
        RBrace => "}",
        Ident(_) | Quoted(_) | Str(_) | Number | Int(_) | Float(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Result<Tok, LexError>> {
        tokens(src)
            .into_iter()
            .map(|t| t.map(|(_, t, _)| t))
            .collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("-12"), vec![Ok(Tok::Int(BigInt::from(-12)))]);
        assert_eq!(toks("5e-324"), vec![Ok(Tok::Float(5e-324))]);
        assert!(
            matches!(&toks("-0.0")[..], [Ok(Tok::Float(x))] if x.to_bits() == (-0.0f64).to_bits())
        );
        assert!(toks("1.x")[0].is_err());
        assert!(toks("1e400")[0].is_err());
        assert!(toks("1.")[0].is_err());
    }

    #[test]
    fn keywords_and_names() {
        assert_eq!(
            toks("let letx"),
            vec![Ok(Tok::Let), Ok(Tok::Ident("letx".into()))]
        );
        assert_eq!(toks(r"`a\`b\\`"), vec![Ok(Tok::Quoted("a`b\\".into()))]);
        assert_eq!(toks("-Infinity // x"), vec![Ok(Tok::NegInfinity)]);
    }

    #[test]
    fn strings() {
        assert_eq!(
            toks(r#""a\u{1F600}\n""#),
            vec![Ok(Tok::Str("a\u{1F600}\n".into()))]
        );
        let e = toks(r#""é\q""#).remove(0).unwrap_err();
        assert_eq!(e.span, 3..5);
        assert!(toks(r#""\u{D800}""#)[0].is_err());
        assert!(toks(r#""abc"#)[0].is_err());
    }
}
