//! The JavaScript lexer: a logos token enum, and a driver that scans template literals
//! by hand (their `${…}` parts nest, which a regular lexer cannot follow), decodes string
//! escapes, and records which tokens follow a line break (for automatic semicolons).
//!
//! Constructs outside the subset that are visible in the token stream alone (reserved
//! words such as `class`, `...`, `?.`, bitwise operators, regular expressions) are reported
//! here as `Unsupported`, with the span of the token.

use logos::Logos;
use std::ops::Range;
use tracelab_ir::DiagnosticKind;

/// An error found while lexing or parsing, before it becomes a `Diagnostic`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub kind: DiagnosticKind,
    pub message: String,
    pub span: Range<usize>,
}

impl LexError {
    pub fn syntax(message: impl Into<String>, span: Range<usize>) -> LexError {
        LexError {
            kind: DiagnosticKind::Syntax,
            message: message.into(),
            span,
        }
    }

    pub fn unsupported(what: &str, span: Range<usize>) -> LexError {
        LexError {
            kind: DiagnosticKind::Unsupported,
            message: format!("{what} is outside the tracelab JavaScript subset"),
            span,
        }
    }
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(skip r"[ \t\r\n\f\u{feff}\u{a0}\u{2028}\u{2029}]+")]
#[logos(skip(r"//[^\n\r\u{2028}\u{2029}]*", allow_greedy = true))]
#[logos(skip r"/\*([^*]|\*+[^*/])*\*+/")]
pub enum Tok {
    #[token("break")]
    Break,
    #[token("catch")]
    Catch,
    #[token("const")]
    Const,
    #[token("continue")]
    Continue,
    #[token("do")]
    Do,
    #[token("else")]
    Else,
    #[token("false")]
    False,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("function")]
    Function,
    #[token("if")]
    If,
    #[token("let")]
    Let,
    #[token("new")]
    New,
    #[token("null")]
    Null,
    #[token("return")]
    Return,
    #[token("throw")]
    Throw,
    #[token("true")]
    True,
    #[token("try")]
    Try,
    #[token("typeof")]
    Typeof,
    #[token("var")]
    Var,
    #[token("while")]
    While,
    /// Reserved words of constructs outside the subset; reported before parsing.
    #[token("class", |lex| lex.slice().to_string())]
    #[token("this", |lex| lex.slice().to_string())]
    #[token("super", |lex| lex.slice().to_string())]
    #[token("switch", |lex| lex.slice().to_string())]
    #[token("case", |lex| lex.slice().to_string())]
    #[token("default", |lex| lex.slice().to_string())]
    #[token("delete", |lex| lex.slice().to_string())]
    #[token("void", |lex| lex.slice().to_string())]
    #[token("yield", |lex| lex.slice().to_string())]
    #[token("await", |lex| lex.slice().to_string())]
    #[token("async", |lex| lex.slice().to_string())]
    #[token("instanceof", |lex| lex.slice().to_string())]
    #[token("in", |lex| lex.slice().to_string())]
    #[token("with", |lex| lex.slice().to_string())]
    #[token("debugger", |lex| lex.slice().to_string())]
    #[token("import", |lex| lex.slice().to_string())]
    #[token("export", |lex| lex.slice().to_string())]
    #[token("extends", |lex| lex.slice().to_string())]
    #[token("enum", |lex| lex.slice().to_string())]
    #[token("static", |lex| lex.slice().to_string())]
    Reserved(String),

    #[regex(r"[\p{XID_Start}_$][\p{XID_Continue}$\u{200c}\u{200d}]*", |lex| lex.slice().to_string())]
    Ident(String),
    #[regex(r"(0|[1-9][0-9_]*)(\.[0-9_]*)?([eE][+-]?[0-9_]+)?|\.[0-9][0-9_]*([eE][+-]?[0-9_]+)?|0[xXoObB][0-9a-fA-F_]+|0[0-9]+", |lex| lex.slice().to_string())]
    Number(String),
    #[regex(r#""([^"\\\n\r]|\\(.|\n|\r\n))*""#, |lex| lex.slice().to_string())]
    #[regex(r#"'([^'\\\n\r]|\\(.|\n|\r\n))*'"#, |lex| lex.slice().to_string())]
    Str(String),
    #[token("`")]
    Backtick,
    /// Template pieces, produced by the driver, never by logos.
    TemplateFull(String),
    TemplateHead(String),
    TemplateMiddle(String),
    TemplateTail(String),

    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("?.")]
    OptChain,
    #[token("?")]
    Question,
    #[token("??")]
    Nullish,
    #[token(":")]
    Colon,
    #[token("=>")]
    Arrow,
    #[token("=")]
    Assign,
    #[token("+=")]
    PlusAssign,
    #[token("-=")]
    MinusAssign,
    #[token("*=")]
    StarAssign,
    #[token("/=")]
    SlashAssign,
    #[token("%=")]
    PercentAssign,
    #[token("**=")]
    PowAssign,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("===")]
    EqEqEq,
    #[token("!==")]
    NotEqEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("**")]
    Pow,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
    #[token("!")]
    Bang,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    /// Bitwise and logical-assignment operators: outside the subset.
    #[regex(r"&|\||\^|~|<<|>>|>>>|&=|\|=|\^=|<<=|>>=|>>>=|&&=|\|\|=|\?\?=|#", |lex| lex.slice().to_string())]
    Other(String),
}

impl Tok {
    /// Whether an expression can end with this token (so a following `/` divides and a
    /// following `++` on a new line is a prefix operator of the next statement).
    pub(crate) fn ends_operand(&self) -> bool {
        matches!(
            self,
            Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::TemplateFull(_)
                | Tok::TemplateTail(_)
                | Tok::RParen
                | Tok::RBracket
                | Tok::RBrace
                | Tok::True
                | Tok::False
                | Tok::Null
        )
    }

    /// How a token is named in a syntax error.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("identifier `{s}`"),
            Tok::Number(s) => format!("number `{s}`"),
            Tok::Str(_) => "string".into(),
            Tok::TemplateFull(_) | Tok::TemplateHead(_) => "template literal".into(),
            Tok::TemplateMiddle(_) | Tok::TemplateTail(_) => "template continuation".into(),
            Tok::Reserved(s) | Tok::Other(s) => format!("`{s}`"),
            other => format!("`{}`", punct_text(other)),
        }
    }
}

fn punct_text(t: &Tok) -> &'static str {
    use Tok::*;
    match t {
        Break => "break",
        Catch => "catch",
        Const => "const",
        Continue => "continue",
        Do => "do",
        Else => "else",
        False => "false",
        Finally => "finally",
        For => "for",
        Function => "function",
        If => "if",
        Let => "let",
        New => "new",
        Null => "null",
        Return => "return",
        Throw => "throw",
        True => "true",
        Try => "try",
        Typeof => "typeof",
        Var => "var",
        While => "while",
        Backtick => "`",
        LBrace => "{",
        RBrace => "}",
        LParen => "(",
        RParen => ")",
        LBracket => "[",
        RBracket => "]",
        Semi => ";",
        Comma => ",",
        Dot => ".",
        Ellipsis => "...",
        OptChain => "?.",
        Question => "?",
        Nullish => "??",
        Colon => ":",
        Arrow => "=>",
        Assign => "=",
        PlusAssign => "+=",
        MinusAssign => "-=",
        StarAssign => "*=",
        SlashAssign => "/=",
        PercentAssign => "%=",
        PowAssign => "**=",
        EqEq => "==",
        NotEq => "!=",
        EqEqEq => "===",
        NotEqEq => "!==",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        Plus => "+",
        Minus => "-",
        Star => "*",
        Slash => "/",
        Percent => "%",
        Pow => "**",
        PlusPlus => "++",
        MinusMinus => "--",
        Bang => "!",
        AndAnd => "&&",
        OrOr => "||",
        _ => "token",
    }
}

/// A token with its byte range and whether a line break precedes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub start: usize,
    pub tok: Tok,
    pub end: usize,
    pub newline_before: bool,
}

/// ECMAScript's line terminators (CR LF counts as one, as a pair of them does no harm here).
pub const LINE_TERMINATORS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// Lexes a whole source. Stops at the first error.
pub fn tokenize(src: &str) -> Result<Vec<Token>, LexError> {
    let mut lex = Tok::lexer(src);
    let mut out: Vec<Token> = Vec::new();
    // For each open template substitution, the brace depth inside it.
    let mut templates: Vec<usize> = Vec::new();
    let mut prev_end = 0;
    // A hashbang line (`#!/usr/bin/env node`) at the very start is a comment.
    if src.starts_with("#!") {
        prev_end = src.find(LINE_TERMINATORS).unwrap_or(src.len());
        lex.bump(prev_end);
    }
    while let Some(item) = lex.next() {
        let span = lex.span();
        let newline_before = src[prev_end..span.start].contains(LINE_TERMINATORS);
        let tok = match item {
            Err(()) => return Err(bad_char(src, span)),
            Ok(tok) => tok,
        };
        let (tok, end) = match tok {
            Tok::Backtick => {
                let (text, closed_by_subst, len) = scan_template(lex.remainder(), span.start + 1)?;
                lex.bump(len);
                if closed_by_subst {
                    templates.push(0);
                    (Tok::TemplateHead(text), lex.span().end)
                } else {
                    (Tok::TemplateFull(text), lex.span().end)
                }
            }
            Tok::LBrace => {
                if let Some(depth) = templates.last_mut() {
                    *depth += 1;
                }
                (Tok::LBrace, span.end)
            }
            Tok::RBrace if templates.last() == Some(&0) => {
                let (text, closed_by_subst, len) = scan_template(lex.remainder(), span.end)?;
                lex.bump(len);
                if closed_by_subst {
                    (Tok::TemplateMiddle(text), lex.span().end)
                } else {
                    templates.pop();
                    (Tok::TemplateTail(text), lex.span().end)
                }
            }
            Tok::RBrace => {
                if let Some(depth) = templates.last_mut() {
                    *depth -= 1;
                }
                (Tok::RBrace, span.end)
            }
            Tok::Str(raw) => (
                Tok::Str(unescape(&raw[1..raw.len() - 1], span.start + 1)?),
                span.end,
            ),
            Tok::Number(raw) => {
                check_number_end(src, &raw, span.clone())?;
                check_number(&raw, span.clone())?;
                (Tok::Number(raw), span.end)
            }
            // A comment that is closed was skipped: this one never ends.
            Tok::Slash if src[span.end..].starts_with('*') => {
                return Err(LexError::syntax(
                    "unterminated comment",
                    span.start..span.start + 2,
                ))
            }
            Tok::Slash | Tok::SlashAssign if !out.last().is_some_and(|t| t.tok.ends_operand()) => {
                return Err(regex_literal(src, span))
            }
            Tok::Reserved(word) => return Err(LexError::unsupported(&format!("`{word}`"), span)),
            Tok::Ellipsis => return Err(LexError::unsupported("spread and rest `...`", span)),
            Tok::OptChain => return Err(LexError::unsupported("optional chaining `?.`", span)),
            // `class` is refused before its body is lexed, so a `#` here is outside any
            // class: never valid (a hashbang was skipped above).
            Tok::Other(op) if op == "#" => return Err(stray_hash(src, span)),
            Tok::Other(op) => {
                return Err(LexError::unsupported(&format!("the operator `{op}`"), span))
            }
            tok => (tok, span.end),
        };
        if matches!(tok, Tok::Star) && out.last().is_some_and(|t| t.tok == Tok::Function) {
            return Err(LexError::unsupported(
                "a generator function `function*`",
                out[out.len() - 1].start..end,
            ));
        }
        if matches!(tok, Tok::LBrace | Tok::LBracket)
            && out
                .last()
                .is_some_and(|t| matches!(t.tok, Tok::Let | Tok::Const | Tok::Var))
        {
            return Err(LexError::unsupported("destructuring", span.start..end));
        }
        prev_end = end;
        out.push(Token {
            start: span.start,
            tok,
            end,
            newline_before,
        });
    }
    if !templates.is_empty() {
        return Err(LexError::syntax(
            "unterminated template literal",
            src.len()..src.len(),
        ));
    }
    Ok(out)
}

fn bad_char(src: &str, span: Range<usize>) -> LexError {
    let rest = &src[span.start..];
    if rest.starts_with('"') || rest.starts_with('\'') {
        return LexError::syntax("unterminated string literal", span.start..span.start + 1);
    }
    if rest.starts_with("/*") {
        return LexError::syntax("unterminated comment", span.start..span.start + 2);
    }
    let end = span.start + rest.chars().next().map_or(0, char::len_utf8);
    LexError::syntax("invalid or unexpected token", span.start..end)
}

/// A regular expression literal starting at the `/` of `span`: outside the subset when it
/// ends on its line, a syntax error when it does not.
fn regex_literal(src: &str, span: Range<usize>) -> LexError {
    let rest = &src[span.end..];
    let (mut escaped, mut in_class) = (false, false);
    for (i, c) in rest.char_indices() {
        if LINE_TERMINATORS.contains(&c) {
            break;
        }
        match c {
            '/' if !escaped && !in_class => {
                return LexError::unsupported(
                    "a regular expression literal",
                    span.start..span.end + i + 1,
                )
            }
            '[' if !escaped => in_class = true,
            ']' if !escaped => in_class = false,
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    LexError::syntax("unterminated regular expression literal", span)
}

/// A `#` outside a class: a private name (`#x`) as Node names it, or a stray character.
fn stray_hash(src: &str, span: Range<usize>) -> LexError {
    let name_len: usize = src[span.end..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '$'))
        .map(char::len_utf8)
        .sum();
    if name_len == 0 {
        return LexError::syntax("invalid or unexpected token", span);
    }
    let end = span.end + name_len;
    LexError::syntax(
        format!(
            "private field `{}` must be declared in an enclosing class",
            &src[span.start..end]
        ),
        span.start..end,
    )
}

/// What directly follows a number literal: `n` makes a BigInt literal (valid JavaScript,
/// outside the subset) when the number is an integer without exponent or leading zero; any
/// other identifier character (`3in`, `1x`, `1.5n`) is a syntax error.
fn check_number_end(src: &str, raw: &str, span: Range<usize>) -> Result<(), LexError> {
    let rest = &src[span.end..];
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '\\'))
        .map(char::len_utf8)
        .sum();
    if word_len == 0 {
        return Ok(());
    }
    let radix_prefixed = matches!(raw.get(..2), Some("0x" | "0X" | "0o" | "0O" | "0b" | "0B"));
    let decimal_integer = raw.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && (raw == "0" || !raw.starts_with('0'));
    if &rest[..word_len] == "n" && (radix_prefixed || decimal_integer) {
        return Err(LexError::unsupported(
            &format!("a BigInt literal `{raw}n`"),
            span.start..span.end + 1,
        ));
    }
    Err(LexError::syntax(
        "invalid or unexpected token",
        span.start..span.end + word_len,
    ))
}

fn check_number(raw: &str, span: Range<usize>) -> Result<(), LexError> {
    if raw.ends_with('_') || raw.contains("__") || raw.contains("_.") || raw.contains("._") {
        return Err(LexError::syntax(
            "numeric separators are not allowed here",
            span,
        ));
    }
    if raw.len() > 1 && raw.starts_with('0') && raw.as_bytes()[1].is_ascii_digit() {
        return Err(LexError::unsupported("a legacy octal literal", span));
    }
    Ok(())
}

/// The value of a number literal.
pub fn number_value(raw: &str) -> f64 {
    let clean: String = raw.chars().filter(|&c| c != '_').collect();
    let radix = match clean.get(..2) {
        Some("0x" | "0X") => 16,
        Some("0o" | "0O") => 8,
        Some("0b" | "0B") => 2,
        _ => return clean.parse::<f64>().unwrap_or(f64::NAN),
    };
    clean[2..].chars().fold(0.0, |acc, c| {
        acc * radix as f64 + c.to_digit(radix).map_or(f64::NAN, f64::from)
    })
}

/// Scans the body of a template literal from just after "`" or "}". Returns the cooked
/// text, whether it stopped at `${` (rather than "`"), and the bytes consumed.
fn scan_template(rest: &str, base: usize) -> Result<(String, bool, usize), LexError> {
    let mut i = 0;
    let bytes = rest.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'`' => return Ok((unescape_template(&rest[..i], base)?, false, i + 1)),
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                return Ok((unescape_template(&rest[..i], base)?, true, i + 2));
            }
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    Err(LexError::syntax(
        "unterminated template literal",
        base.saturating_sub(1)..base + rest.len(),
    ))
}

fn unescape_template(raw: &str, base: usize) -> Result<String, LexError> {
    // A template keeps raw line breaks, with CRLF and CR normalised to LF.
    unescape(&raw.replace("\r\n", "\n").replace('\r', "\n"), base)
}

/// Decodes the escapes of a string or template body starting at byte `base`.
fn unescape(raw: &str, base: usize) -> Result<String, LexError> {
    let mut out = String::new();
    let mut chars = raw.char_indices().peekable();
    // Pending high surrogate of a `\uD83D\uDE00` pair.
    let mut units: Vec<u16> = Vec::new();
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        if !units.is_empty() {
            out.push_str(&String::from_utf16_lossy(units));
            units.clear();
        }
    };
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            flush(&mut units, &mut out);
            out.push(c);
            continue;
        }
        let bad =
            |len: usize| LexError::syntax("invalid escape sequence", base + i..base + i + len);
        let Some((_, e)) = chars.next() else {
            return Err(bad(1));
        };
        let simple = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '0' if !chars.peek().is_some_and(|(_, d)| d.is_ascii_digit()) => Some('\0'),
            '\n' | '\u{2028}' | '\u{2029}' => {
                flush(&mut units, &mut out);
                continue;
            }
            // A line continuation over CR LF or CR.
            '\r' => {
                if chars.peek().is_some_and(|(_, c)| *c == '\n') {
                    chars.next();
                }
                flush(&mut units, &mut out);
                continue;
            }
            'x' | 'u' => None,
            d if d.is_ascii_digit() => {
                return Err(LexError::unsupported(
                    "an octal escape",
                    base + i..base + i + 2,
                ))
            }
            other => Some(other),
        };
        if let Some(ch) = simple {
            flush(&mut units, &mut out);
            out.push(ch);
            continue;
        }
        let mut hex = String::new();
        if e == 'x' {
            for _ in 0..2 {
                match chars.next() {
                    Some((_, h)) if h.is_ascii_hexdigit() => hex.push(h),
                    _ => return Err(bad(2 + hex.len())),
                }
            }
        } else if chars.peek().is_some_and(|(_, c)| *c == '{') {
            chars.next();
            loop {
                match chars.next() {
                    Some((_, '}')) if !hex.is_empty() => break,
                    Some((_, h)) if h.is_ascii_hexdigit() && hex.len() < 8 => hex.push(h),
                    _ => return Err(bad(3 + hex.len())),
                }
            }
        } else {
            for _ in 0..4 {
                match chars.next() {
                    Some((_, h)) if h.is_ascii_hexdigit() => hex.push(h),
                    _ => return Err(bad(2 + hex.len())),
                }
            }
        }
        let code = u32::from_str_radix(&hex, 16).map_err(|_| bad(2))?;
        if code > 0x10FFFF {
            return Err(bad(2 + hex.len()));
        }
        if code <= 0xFFFF {
            units.push(code as u16);
        } else {
            flush(&mut units, &mut out);
            out.push(char::from_u32(code).ok_or_else(|| bad(2))?);
        }
    }
    flush(&mut units, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src)
            .expect("lexes")
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn templates_nest() {
        let t = toks("`a${ `b${c}` }d`");
        assert_eq!(
            t,
            vec![
                Tok::TemplateHead("a".into()),
                Tok::TemplateHead("b".into()),
                Tok::Ident("c".into()),
                Tok::TemplateTail("".into()),
                Tok::TemplateTail("d".into()),
            ]
        );
        assert_eq!(toks("`x{}`"), vec![Tok::TemplateFull("x{}".into())]);
        assert_eq!(toks("`${ {a:1}.a }`")[1], Tok::LBrace);
    }

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(
            toks(r#""a\n\u{1F600}\uD83D\uDE00\x41""#),
            vec![Tok::Str("a\n😀😀A".into())]
        );
        assert_eq!(number_value("0x1F"), 31.0);
        assert_eq!(number_value("1_000.5e1"), 10005.0);
        assert_eq!(number_value(".5"), 0.5);
    }

    /// Each literal as Node 20 judges it (`node --check` on `let x = LIT;`): a BigInt
    /// literal is valid JavaScript outside the subset, the rest are syntax errors.
    #[test]
    fn numbers_followed_by_letters() {
        let kind = |lit: &str| {
            tokenize(&format!("let x = {lit};"))
                .map(|_| ())
                .map_err(|e| e.kind)
        };
        for big in ["0n", "5n", "1_000n", "0b101n", "0o7n", "0x1Fn"] {
            assert_eq!(kind(big), Err(DiagnosticKind::Unsupported), "{big}");
        }
        for bad in [
            "01n",
            "08n",
            "1nn",
            "1e3n",
            "0.5n",
            "3in",
            "1x",
            "1.toString",
        ] {
            assert_eq!(kind(bad), Err(DiagnosticKind::Syntax), "{bad}");
        }
    }

    #[test]
    fn comments_hashes_and_line_terminators() {
        let kind = |src: &str| tokenize(src).map(|_| ()).map_err(|e| e.kind);
        assert_eq!(kind("a /* never closed"), Err(DiagnosticKind::Syntax));
        assert_eq!(kind("/* never closed"), Err(DiagnosticKind::Syntax));
        assert_eq!(kind("x = #y"), Err(DiagnosticKind::Syntax));
        assert_eq!(kind("x = a # b"), Err(DiagnosticKind::Syntax));
        assert_eq!(kind("x = /ab"), Err(DiagnosticKind::Syntax));
        assert_eq!(kind("x = /[/]/"), Err(DiagnosticKind::Unsupported));
        assert_eq!(kind("#!/usr/bin/env node\nx = 1"), Ok(()));
        // CR alone ends a line comment and precedes a token on a new line.
        let t = tokenize("a // c\rb").expect("lexes");
        assert_eq!(t.len(), 2);
        assert!(t[1].newline_before);
    }

    #[test]
    fn unsupported_tokens_are_named() {
        let e = tokenize("let r = /ab+c/;").unwrap_err();
        assert_eq!(e.kind, DiagnosticKind::Unsupported);
        assert!(e.message.contains("regular expression"));
        assert_eq!(tokenize("a / b").map(|t| t.len()), Ok(3));
        assert!(tokenize("class A {}")
            .unwrap_err()
            .message
            .contains("`class`"));
    }
}
