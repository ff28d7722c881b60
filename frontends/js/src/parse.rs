//! The parser driver: lexes, inserts automatic semicolons, runs the LALRPOP parser, and
//! turns its errors into diagnostics. Also the grammar's action helpers (cover grammars).
//!
//! Automatic semicolon insertion follows ECMAScript §12.10: the restricted productions
//! (`return`, `break`, `continue`, `throw` then a line break; a line break before postfix
//! `++`/`--`) are handled on the token stream; the general rule (an offending token after a
//! line break, a `}`, or the end of input) by re-parsing with a virtual `;` before the
//! offending token, as long as the parser would have accepted a `;` there.

use crate::ast::*;
use crate::lexer::{tokenize, LexError, Tok, Token};
use lalrpop_util::ParseError;
use tracelab_ir::{Diagnostic, DiagnosticKind, Span};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused)]
    grammar
);

/// Deepest bracket / operator nesting accepted, so that recursive passes over the AST
/// (lowering, `Drop`) stay within a thread's stack.
pub const MAX_NESTING: usize = 300;

/// Parses a program to its statements.
pub fn parse(src: &str) -> Result<Vec<Stmt>, Diagnostic> {
    let tokens = tokenize(src).map_err(diagnostic)?;
    check_nesting(&tokens)?;
    let mut tokens = restricted_semicolons(tokens);
    // Each retry inserts one virtual `;`, so the loop is bounded by the token count.
    for _ in 0..=tokens.len() + 1 {
        let stream = tokens
            .iter()
            .map(|t| Ok::<_, LexError>((t.start, t.tok.clone(), t.end)));
        match grammar::ProgramParser::new().parse(stream) {
            Ok(program) => return Ok(program),
            Err(e) => match insertion_point(&e, &tokens) {
                Some(i) => {
                    let at = tokens.get(i).map_or(src.len(), |t| t.start);
                    tokens.insert(i, virtual_semi(at));
                }
                None => return Err(from_parse_error(e, src.len())),
            },
        }
    }
    Err(Diagnostic::new(
        DiagnosticKind::Syntax,
        "could not parse the program",
        Span::new(0, 0),
        "here",
    ))
}

fn virtual_semi(at: usize) -> Token {
    Token {
        start: at,
        tok: Tok::Semi,
        end: at,
        newline_before: false,
    }
}

/// Where ASI puts a `;` for this error, if anywhere.
fn insertion_point(e: &ParseError<usize, Tok, LexError>, tokens: &[Token]) -> Option<usize> {
    let semi_expected = |expected: &[String]| expected.iter().any(|t| t == "\";\"");
    match e {
        ParseError::UnrecognizedEof { expected, .. } if semi_expected(expected) => {
            // Never twice at the same place: a `;` that did not help will not help again.
            match tokens.last() {
                Some(t) if t.tok == Tok::Semi && t.start == t.end => None,
                _ => Some(tokens.len()),
            }
        }
        ParseError::UnrecognizedToken {
            token: (s, tok, e),
            expected,
        } if semi_expected(expected) => {
            let i = tokens
                .iter()
                .position(|t| t.start == *s && t.end == *e && t.tok == *tok)?;
            let offending = &tokens[i];
            let after_virtual =
                i > 0 && tokens[i - 1].tok == Tok::Semi && tokens[i - 1].start == tokens[i - 1].end;
            (!after_virtual && (offending.newline_before || offending.tok == Tok::RBrace))
                .then_some(i)
        }
        _ => None,
    }
}

/// The restricted productions: `return`/`break`/`continue`/`throw` followed by a line
/// break end their statement there; a line break before `++`/`--` ends the statement.
fn restricted_semicolons(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let prev_ends_operand = out.last().is_some_and(|p| {
            matches!(
                p.tok,
                Tok::Ident(_) | Tok::Number(_) | Tok::Str(_) | Tok::RParen | Tok::RBracket
            ) || matches!(
                p.tok,
                Tok::TemplateFull(_) | Tok::TemplateTail(_) | Tok::True | Tok::False | Tok::Null
            )
        });
        if matches!(t.tok, Tok::PlusPlus | Tok::MinusMinus) && t.newline_before && prev_ends_operand
        {
            out.push(virtual_semi(t.start));
        }
        out.push(t.clone());
        let restricted = matches!(t.tok, Tok::Return | Tok::Break | Tok::Continue | Tok::Throw);
        if restricted
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.newline_before && n.tok != Tok::Semi)
        {
            out.push(virtual_semi(t.end));
        }
    }
    out
}

/// Refuses nesting deeper than [`MAX_NESTING`]: within each bracket, every token since the
/// last `,`/`;` counts as a level (a node's depth never exceeds the tokens on its path). A
/// line break between an operand and a token that can only start a statement ends the
/// statement too (ASI inserts a `;` there), so code without semicolons is not penalised.
fn check_nesting(tokens: &[Token]) -> Result<(), Diagnostic> {
    let mut counts: Vec<usize> = vec![0];
    let mut total = 0;
    let mut prev: Option<&Token> = None;
    for t in tokens {
        let starts_statement = matches!(
            t.tok,
            Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::TemplateFull(_)
                | Tok::TemplateHead(_)
                | Tok::Let
                | Tok::Const
                | Tok::Var
                | Tok::If
                | Tok::For
                | Tok::While
                | Tok::Do
                | Tok::Return
                | Tok::Break
                | Tok::Continue
                | Tok::Throw
                | Tok::Try
                | Tok::Function
                | Tok::True
                | Tok::False
                | Tok::Null
        );
        if t.newline_before && starts_statement && prev.is_some_and(|p| p.tok.ends_operand()) {
            if let Some(top) = counts.last_mut() {
                total -= *top;
                *top = 0;
            }
        }
        prev = Some(t);
        match t.tok {
            Tok::Semi | Tok::Comma => {
                if let Some(top) = counts.last_mut() {
                    total -= *top;
                    *top = 0;
                }
            }
            Tok::RParen | Tok::RBracket | Tok::RBrace if counts.len() > 1 => {
                total -= counts.pop().unwrap_or(0)
            }
            _ => {
                if let Some(top) = counts.last_mut() {
                    *top += 1;
                    total += 1;
                }
            }
        }
        if matches!(
            t.tok,
            Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::TemplateHead(_)
        ) {
            counts.push(0);
        }
        if total > MAX_NESTING {
            return Err(Diagnostic::new(
                DiagnosticKind::Unsupported,
                format!("nesting deeper than {MAX_NESTING} levels is outside the tracelab JavaScript subset"),
                Span::new(t.start, t.end),
                "too deep here",
            ));
        }
    }
    Ok(())
}

pub fn diagnostic(e: LexError) -> Diagnostic {
    let label = match e.kind {
        DiagnosticKind::Unsupported => "not supported",
        _ => "here",
    };
    Diagnostic::new(
        e.kind,
        e.message,
        Span::new(e.span.start, e.span.end),
        label,
    )
}

fn from_parse_error(e: ParseError<usize, Tok, LexError>, len: usize) -> Diagnostic {
    let at = |s: usize, e: usize| Span::new(s.min(len), e.min(len));
    let clean = |expected: Vec<String>| -> Vec<String> {
        expected
            .into_iter()
            .map(|t| t.trim_matches('"').to_string())
            .collect()
    };
    let with_expected = |d: Diagnostic, expected: Vec<String>| {
        if expected.is_empty() {
            d
        } else {
            d.with_note(format!("expected one of: {}", expected.join(" ")))
        }
    };
    match e {
        ParseError::InvalidToken { location } => Diagnostic::new(
            DiagnosticKind::Syntax,
            "invalid token",
            at(location, location),
            "here",
        ),
        ParseError::UnrecognizedEof { location, expected } => with_expected(
            Diagnostic::new(
                DiagnosticKind::Syntax,
                "unexpected end of input",
                at(location, location),
                "here",
            ),
            clean(expected),
        ),
        ParseError::UnrecognizedToken {
            token: (s, tok, e),
            expected,
        } => with_expected(
            Diagnostic::new(
                DiagnosticKind::Syntax,
                format!("unexpected {}", tok.describe()),
                at(s, e),
                "here",
            ),
            clean(expected),
        ),
        ParseError::ExtraToken { token: (s, tok, e) } => Diagnostic::new(
            DiagnosticKind::Syntax,
            format!("unexpected {}", tok.describe()),
            at(s, e),
            "here",
        ),
        ParseError::User { error } => {
            let span = error.span.clone();
            let mut d = diagnostic(error);
            d.span = at(span.start, span.end);
            d
        }
    }
}

// ----- grammar action helpers

type Action<T> = Result<T, ParseError<usize, Tok, LexError>>;

fn user<T>(e: LexError) -> Action<T> {
    Err(ParseError::User { error: e })
}

fn range(s: Span) -> std::ops::Range<usize> {
    s.range()
}

pub fn binary(op: BinOp, a: Expr, b: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Binary(op, Box::new(a), Box::new(b)), l, r)
}

pub fn labeled(label: Ident, body: Stmt, l: usize, r: usize) -> Action<Stmt> {
    match body.kind {
        StmtKind::While(..)
        | StmtKind::DoWhile(..)
        | StmtKind::For { .. }
        | StmtKind::ForOf { .. } => Ok(Stmt::new(StmtKind::Labeled(label, Box::new(body)), l, r)),
        _ => user(LexError::unsupported(
            "a label on a statement that is not a loop",
            range(label.span),
        )),
    }
}

pub fn for_of(
    decl: Option<DeclKind>,
    name: Ident,
    of: Ident,
    iter: Expr,
    body: Stmt,
    l: usize,
    r: usize,
) -> Action<Stmt> {
    if of.name != "of" {
        return user(LexError::syntax(
            format!("unexpected identifier `{}`", of.name),
            range(of.span),
        ));
    }
    Ok(Stmt::new(
        StmtKind::ForOf {
            decl,
            name,
            iter,
            body: Box::new(body),
        },
        l,
        r,
    ))
}

fn unparen(e: Expr) -> Expr {
    match e.kind {
        ExprKind::Paren(inner) => unparen(*inner),
        _ => e,
    }
}

fn is_target(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Ident(_) | ExprKind::Member(..) | ExprKind::Index(..)
    )
}

pub fn assign(op: Option<BinOp>, target: Expr, value: Expr, l: usize, r: usize) -> Action<Expr> {
    let target = unparen(target);
    if !is_target(&target) {
        let what = match target.kind {
            ExprKind::Array(_) | ExprKind::Object(_) if op.is_none() => {
                return user(LexError::unsupported(
                    "destructuring assignment",
                    range(target.span),
                ));
            }
            _ => "invalid assignment target",
        };
        return user(LexError::syntax(what, range(target.span)));
    }
    Ok(Expr::new(
        ExprKind::Assign(op, Box::new(target), Box::new(value)),
        l,
        r,
    ))
}

pub fn update(increment: bool, prefix: bool, target: Expr, l: usize, r: usize) -> Action<Expr> {
    let target = unparen(target);
    if !is_target(&target) {
        let what = if prefix {
            "invalid left-hand side expression in prefix operation"
        } else {
            "invalid left-hand side expression in postfix operation"
        };
        return user(LexError::syntax(what, range(target.span)));
    }
    Ok(Expr::new(
        ExprKind::Update(increment, prefix, Box::new(target)),
        l,
        r,
    ))
}

pub fn arrow(params: Vec<Ident>, body: Body, l: usize, r: usize) -> Expr {
    let span = Span::new(l, r);
    Expr {
        kind: ExprKind::Function(Box::new(Function {
            name: None,
            params,
            body,
            arrow: true,
            span,
        })),
        span,
    }
}

/// The parameters of `(a, b) => …`, parsed as the expression `(a, b)`.
pub fn arrow_params(cover: Expr) -> Action<Vec<Ident>> {
    let items = match cover.kind {
        ExprKind::Seq(items) => items,
        _ => vec![cover],
    };
    items
        .into_iter()
        .map(|e| match e.kind {
            ExprKind::Ident(name) => Ok(Ident { name, span: e.span }),
            ExprKind::Assign(..) => user(LexError::unsupported(
                "a default parameter value",
                range(e.span),
            )),
            ExprKind::Array(_) | ExprKind::Object(_) => {
                user(LexError::unsupported("destructuring", range(e.span)))
            }
            _ => user(LexError::syntax(
                "invalid arrow function parameter",
                range(e.span),
            )),
        })
        .collect()
}

pub fn default_param(l: usize, r: usize) -> Action<Ident> {
    user(LexError::unsupported("a default parameter value", l..r))
}

pub fn tagged(tag: Expr, template: Expr) -> Action<Expr> {
    user(LexError::unsupported(
        "a tagged template",
        range(tag.span.to(template.span)),
    ))
}

pub fn accessor(word: &str, l: usize, r: usize) -> Action<Prop> {
    match word {
        "get" | "set" => user(LexError::unsupported("a getter or setter", l..r)),
        _ => user(LexError::syntax(
            format!("unexpected identifier `{word}`"),
            l..r,
        )),
    }
}

/// An object literal key written as a number (`{1: x}`) is the number's string form.
pub fn number_key(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e21 {
        format!("{}", x as i128)
    } else {
        format!("{x}")
    }
}
