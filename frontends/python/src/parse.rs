//! Parsing: tokens to AST, lalrpop errors to diagnostics.

use crate::ast::{Expr, Stmt};
use crate::lexer::{Lexer, LexicalError, Tok};
use lalrpop_util::{ErrorRecovery, ParseError};
use tracelab_ir::{Diagnostic, DiagnosticKind, Span};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar
);

type Error<'src> = ParseError<usize, Tok<'src>, LexicalError>;

/// Parses a module; never fails: statements that do not parse become `Error` nodes and
/// their diagnostics are returned beside the tree.
pub fn parse(source: &str) -> (Vec<Stmt>, Vec<Diagnostic>) {
    // CPython reads a lone CR as a line break (as it does CR LF): a CR that is not followed
    // by LF becomes LF, byte for byte, so every span is still an offset into `source`.
    let normalised = lone_cr_to_lf(source);
    let source: &str = &normalised;
    let mut errors: Vec<ErrorRecovery<usize, Tok<'_>, LexicalError>> = Vec::new();
    let result = grammar::ModuleParser::new().parse(&mut errors, Lexer::new(source));
    let mut diagnostics: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| diagnostic(e.error, source))
        .collect();
    let module: Vec<Stmt> = match result {
        Ok(module) => module,
        Err(e) => {
            diagnostics.push(diagnostic(e, source));
            Vec::new()
        }
    };
    let mut module = module;
    header_spans(&mut module, source);
    // Python 3.10+ statements this grammar does not know are outside the subset, not
    // syntax errors: recognise them by the line the first error is on.
    if let Some(d) = diagnostics.first_mut() {
        if let Some(u) = newer_statement(source, d.span.start as usize) {
            *d = u;
        }
    }
    // As CPython, report the first syntax error only: the rest are mostly its echoes
    // (a missing `:` leaves an "unexpected indent" behind it).
    diagnostics.truncate(1);
    (module, diagnostics)
}

fn lone_cr_to_lf(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push(if rest[i + 1..].starts_with('\n') {
            '\r'
        } else {
            '\n'
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Parses the expression of an f-string field found at byte `offset` of the file.
pub fn parse_expr(text: &str, offset: usize) -> Result<Expr, Diagnostic> {
    // Padding keeps every span an offset into the file.
    let padded = format!("{}{text}", " ".repeat(offset));
    let mut errors = Vec::new();
    let result = grammar::TestParser::new().parse(&mut errors, Lexer::expression(&padded));
    match (result, errors.into_iter().next()) {
        (Ok(e), None) => Ok(e),
        (_, Some(e)) => Err(diagnostic(e.error, &padded)),
        (Err(e), None) => Err(diagnostic(e, &padded)),
    }
}

fn describe(tok: &Tok<'_>) -> String {
    match tok {
        Tok::Newline => "end of line".into(),
        Tok::Indent => "indent".into(),
        Tok::Dedent => "dedent".into(),
        Tok::Name(n) => format!("name `{n}`"),
        Tok::Int(n) | Tok::Float(n) | Tok::Imaginary(n) => format!("number `{n}`"),
        Tok::Str(_) | Tok::Unterminated(_) => "string".into(),
        other => format!("`{}`", spelling(other)),
    }
}

/// The source spelling of a punctuation or keyword token.
fn spelling(tok: &Tok<'_>) -> String {
    let debug = format!("{tok:?}");
    let table: &[(&str, &str)] = &[
        ("LParen", "("),
        ("RParen", ")"),
        ("LBracket", "["),
        ("RBracket", "]"),
        ("LBrace", "{"),
        ("RBrace", "}"),
        ("Comma", ","),
        ("Colon", ":"),
        ("Semi", ";"),
        ("Dot", "."),
        ("Arrow", "->"),
        ("Assign", "="),
        ("Walrus", ":="),
        ("PlusEq", "+="),
        ("MinusEq", "-="),
        ("StarEq", "*="),
        ("SlashEq", "/="),
        ("DSlashEq", "//="),
        ("PercentEq", "%="),
        ("DStarEq", "**="),
        ("Plus", "+"),
        ("Minus", "-"),
        ("Star", "*"),
        ("DStar", "**"),
        ("Slash", "/"),
        ("DSlash", "//"),
        ("Percent", "%"),
        ("At", "@"),
        ("Amp", "&"),
        ("Pipe", "|"),
        ("Caret", "^"),
        ("Tilde", "~"),
        ("Shl", "<<"),
        ("Shr", ">>"),
        ("Lt", "<"),
        ("Gt", ">"),
        ("Le", "<="),
        ("Ge", ">="),
        ("EqEq", "=="),
        ("Ne", "!="),
    ];
    if let Some((_, s)) = table.iter().find(|(k, _)| *k == debug) {
        return s.to_string();
    }
    match tok {
        Tok::OtherAugAssign(s) => s.to_string(),
        // Keywords: the variant name is the keyword, lower-cased except the constants.
        Tok::False | Tok::None | Tok::True => debug,
        _ => debug.to_lowercase(),
    }
}

fn expected_note(expected: &[String]) -> Option<String> {
    if expected.is_empty() {
        return None;
    }
    let words: Vec<String> = expected
        .iter()
        .map(|e| e.trim_matches('"').to_string())
        .collect();
    Some(format!("expected one of: {}", words.join(" ")))
}

fn diagnostic(err: Error<'_>, source: &str) -> Diagnostic {
    let syntax = |message: String, span: Span| {
        Diagnostic::new(DiagnosticKind::Syntax, message, span, "here")
    };
    let with_note = |d: Diagnostic, note: Option<String>| match note {
        Some(n) => d.with_note(n),
        None => d,
    };
    match err {
        ParseError::InvalidToken { location } => {
            syntax("invalid token".into(), Span::new(location, location))
        }
        ParseError::UnrecognizedEof { location, expected } => with_note(
            syntax(
                "unexpected end of file".into(),
                Span::new(location, location),
            ),
            expected_note(&expected),
        ),
        ParseError::UnrecognizedToken {
            token: (s, tok, e),
            expected,
        } => {
            let message = match tok {
                Tok::Indent => "unexpected indent".to_string(),
                Tok::Dedent => "unindent does not match the block it closes".to_string(),
                _ if expected.iter().any(|x| x == "\"INDENT\"") => {
                    "expected an indented block".to_string()
                }
                _ => format!("unexpected {}", describe(&tok)),
            };
            // The long list of what may start a statement helps nobody.
            let expected = if matches!(tok, Tok::Indent | Tok::Dedent) || expected.len() > 12 {
                Vec::new()
            } else {
                expected
            };
            let (s, e) = if tok == Tok::Indent {
                (s, e.max(s))
            } else {
                (s, e)
            };
            let _ = source;
            with_note(syntax(message, Span::new(s, e)), expected_note(&expected))
        }
        ParseError::ExtraToken { token: (s, tok, e) } => {
            syntax(format!("extra {}", describe(&tok)), Span::new(s, e))
        }
        ParseError::User { error } => syntax(error.message, Span::from(error.span)),
    }
}

/// An unsupported compound statement (`class`, `with`…) is reported at its header line,
/// not over its whole block.
fn header_spans(stmts: &mut [Stmt], source: &str) {
    use crate::ast::StmtKind as S;
    for s in stmts {
        match &mut s.kind {
            S::Unsupported(_) => {
                let (start, end) = (s.span.start as usize, s.span.end as usize);
                let text = source.get(start..end).unwrap_or("");
                let header = text.find(['\n', '\r']).unwrap_or(text.len());
                let header = text[..header]
                    .trim_end_matches([' ', '\t', ':'])
                    .len()
                    .max(1)
                    .min(text.len());
                s.span = Span::new(start, start + header);
            }
            S::Def { body, .. } => header_spans(body, source),
            S::If {
                then: a,
                otherwise: b,
                ..
            }
            | S::While {
                body: a,
                otherwise: b,
                ..
            }
            | S::For {
                body: a,
                otherwise: b,
                ..
            } => {
                header_spans(a, source);
                header_spans(b, source);
            }
            S::Try {
                body,
                handlers,
                otherwise,
                finally,
            } => {
                header_spans(body, source);
                for h in handlers {
                    header_spans(&mut h.body, source);
                }
                header_spans(otherwise, source);
                if let Some(f) = finally {
                    header_spans(f, source);
                }
            }
            _ => {}
        }
    }
}

/// `match` and `except*` (valid CPython 3.11) on the line of a syntax error.
fn newer_statement(source: &str, at: usize) -> Option<Diagnostic> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = source[start..]
        .find('\n')
        .map(|i| i + start)
        .unwrap_or(source.len());
    let line = &source[start..end];
    let indent = line.len() - line.trim_start().len();
    let text = line.trim();
    let (what, len) = if text.starts_with("match ") && text.ends_with(':') {
        ("`match` statements are", 5)
    } else if text.starts_with("except*") || text.starts_with("except *") {
        ("`except*` clauses are", text.find('*').map_or(6, |i| i + 1))
    } else {
        return None;
    };
    let s = start + indent;
    Some(Diagnostic::new(
        DiagnosticKind::Unsupported,
        format!("{what} outside the tracelab Python subset"),
        Span::new(s, s + len),
        "here",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_are_line_breaks() {
        assert_eq!(lone_cr_to_lf("a\rb\r\nc\r"), "a\nb\r\nc\n");
        assert!(matches!(
            lone_cr_to_lf("a\r\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
        let (module, diagnostics) = parse("if x:\r    y = 1\rz = 2\r");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(module.len(), 2);
    }
}
