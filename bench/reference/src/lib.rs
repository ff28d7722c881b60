//! Hand-written, idiomatic Rust versions of the `bench/` programs: the physical-limit
//! reference column of `tracelab bench --against rust`.
//!
//! [`run`] takes a benchmark's name and its parsed input (a line of
//! `bench/<name>/inputs.jsonl`) and computes, at run time, the same JSON result as the
//! benchmark's `main.py` under CPython. Nothing is precomputed: every size, seed and record
//! comes from the input.

use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;

/// The benchmarks that have a reference here (all of `bench/`).
pub const BENCHMARKS: &[&str] = &[
    "aggregate",
    "array_access",
    "array_pop",
    "array_shift",
    "fib",
    "json_transform",
    "login",
    "loop_for",
    "loop_while",
    "map_filter",
    "matmul",
    "report",
    "sieve",
    "sort_numbers",
    "string_build",
    "word_count",
];

/// The result of benchmark `name` on `input`, as the Python program returns it; `None` when
/// there is no reference for `name`, or when the input lacks a field the benchmark needs
/// (the Python program would raise there).
pub fn run(name: &str, input: &Value) -> Option<Value> {
    match name {
        "aggregate" => aggregate(input),
        "array_access" => array_access(input),
        "array_pop" => array_pop(input),
        "array_shift" => array_shift(input),
        "fib" => fib_bench(input),
        "json_transform" => json_transform(input),
        "login" => Some(login(input)),
        "loop_for" => loop_for(input),
        "loop_while" => loop_while(input),
        "map_filter" => map_filter(input),
        "matmul" => matmul(input),
        "report" => report(input),
        "sieve" => sieve(input),
        "sort_numbers" => sort_numbers(input),
        "string_build" => string_build(input),
        "word_count" => word_count(input),
        _ => None,
    }
}

/// A non-negative integer field.
fn size(input: &Value, field: &str) -> Option<usize> {
    input
        .get(field)?
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
}

fn int(input: &Value, field: &str) -> Option<i64> {
    input.get(field)?.as_i64()
}

/// The Park-Miller minimal standard generator the programs use for their data.
struct ParkMiller(i64);

impl Iterator for ParkMiller {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        self.0 = self.0 * 16807 % 2_147_483_647;
        Some(self.0)
    }
}

// ----- micro-benchmarks

fn loop_for(input: &Value) -> Option<Value> {
    let n = int(input, "n")?;
    let mut total = 0i64;
    for i in 0..n {
        total += i % 7;
    }
    Some(json!({"n": n, "total": total}))
}

fn loop_while(input: &Value) -> Option<Value> {
    let n = int(input, "n")?;
    let mut i = 0i64;
    let mut total = 0i64;
    while i < n {
        total += i;
        i += 1;
    }
    Some(json!({"n": n, "total": total}))
}

fn array_access(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let mut a: Vec<i64> = (0..n as i64).map(|i| i % 100).collect();
    for i in 1..n {
        a[i] = (a[i - 1] + a[i]) % 1000;
    }
    let total: i64 = a.iter().step_by(2).sum();
    Some(json!({"n": n, "total": total, "last": a.last()}))
}

fn array_pop(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let mut stack = Vec::new();
    for i in 0..n as i64 {
        stack.push(i * 3 % 101);
    }
    let mut total = 0i64;
    let mut pops = 0u64;
    while let Some(x) = stack.pop() {
        total += x;
        pops += 1;
    }
    Some(json!({"n": n, "total": total, "pops": pops}))
}

fn array_shift(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let mut queue = VecDeque::new();
    for i in 0..n as i64 {
        queue.push_back(i * 3 % 101);
    }
    let mut total = 0i64;
    let mut weighted = 0i64;
    let mut k = 0i64;
    while let Some(x) = queue.pop_front() {
        total += x;
        weighted += x * (k % 10);
        k += 1;
    }
    Some(json!({"n": n, "total": total, "weighted": weighted}))
}

fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

fn fib_bench(input: &Value) -> Option<Value> {
    let n = int(input, "n")?;
    Some(json!({"n": n, "fib": fib(n)}))
}

// ----- handlers

struct User {
    name: &'static str,
    salt: &'static str,
    rounds: u64,
    hash: u64,
    roles: &'static [&'static str],
    disabled: bool,
}

const MODULUS: u64 = 1_000_000_007;

const USERS: &[(&str, User)] = &[
    (
        "alice",
        User {
            name: "Alice Liddell",
            salt: "q7Zp",
            rounds: 200,
            hash: 317_987_821,
            roles: &["admin", "dev"],
            disabled: false,
        },
    ),
    (
        "bob",
        User {
            name: "Bob Marley",
            salt: "M2xk",
            rounds: 200,
            hash: 870_556_122,
            roles: &["dev"],
            disabled: false,
        },
    ),
    (
        "carol",
        User {
            name: "Carol Danvers",
            salt: "Lp09",
            rounds: 200,
            hash: 660_426_612,
            roles: &["ops", "oncall"],
            disabled: false,
        },
    ),
    (
        "dave",
        User {
            name: "Dave Bowman",
            salt: "Zz81",
            rounds: 200,
            hash: 613_424_665,
            roles: &[],
            disabled: true,
        },
    ),
];

fn stretch(salt: &str, password: &str, rounds: u64) -> u64 {
    let mut h = 7u64;
    for ch in salt.chars().chain(":".chars()).chain(password.chars()) {
        h = (h * 31 + u64::from(ch)) % MODULUS;
    }
    for r in 0..rounds {
        for ch in password.chars() {
            h = (h * 131 + u64::from(ch) + r) % MODULUS;
        }
    }
    h
}

fn login(input: &Value) -> Value {
    let username = input.get("username").and_then(Value::as_str);
    let password = input.get("password").and_then(Value::as_str);
    let (Some(username), Some(password)) = (username, password) else {
        return json!({"status": 400, "error": "username and password are required"});
    };
    if username.is_empty() {
        return json!({"status": 400, "error": "username and password are required"});
    }
    let key = username.trim().to_lowercase();
    let user = USERS.iter().find(|(k, _)| *k == key).map(|(_, u)| u);
    let Some(user) = user.filter(|u| stretch(u.salt, password, u.rounds) == u.hash) else {
        return json!({"status": 401, "error": "invalid username or password"});
    };
    if user.disabled {
        return json!({"status": 403, "error": "account disabled"});
    }
    json!({
        "status": 200,
        "user": key,
        "name": user.name,
        "roles": user.roles,
        "greeting": format!("Welcome back, {}!", user.name),
    })
}

const PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '"', '\'', '(', ')'];

fn word_count(input: &Value) -> Option<Value> {
    let text = input.get("text")?.as_str()?;
    let top = match input.get("top") {
        None => 10,
        Some(t) => usize::try_from(t.as_u64()?).ok()?,
    };
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut total = 0u64;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(PUNCTUATION).to_lowercase();
        if !word.is_empty() {
            *counts.entry(word).or_insert(0) += 1;
            total += 1;
        }
    }
    let distinct = counts.len();
    let mut ranked: Vec<(String, u64)> = counts.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(top);
    let top: Vec<Value> = ranked.into_iter().map(|(w, c)| json!([w, c])).collect();
    Some(json!({"words": total, "distinct": distinct, "top": top}))
}

struct Person<'a> {
    id: i64,
    first: &'a str,
    last: &'a str,
    email: &'a str,
    dept: &'a str,
    salary: i64,
    year: i64,
    tags: Vec<&'a str>,
    has_manager: bool,
}

impl Person<'_> {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "display": format!("{}, {}", self.last, self.first),
            "email": self.email.to_lowercase(),
            "dept": self.dept,
            "salary": self.salary,
            "year": self.year,
            "tags": self.tags,
            "has_manager": self.has_manager,
        })
    }
}

fn reshape(rec: &Value) -> Option<Person<'_>> {
    let (first, last) = rec.get("name")?.as_str()?.split_once(' ')?;
    let joined = rec.get("joined")?.as_str()?;
    let mut tags: Vec<&str> = rec
        .get("tags")?
        .as_array()?
        .iter()
        .map(Value::as_str)
        .collect::<Option<_>>()?;
    tags.sort_unstable();
    Some(Person {
        id: rec.get("id")?.as_i64()?,
        first,
        last,
        email: rec.get("email")?.as_str()?,
        dept: rec.get("dept")?.as_str()?,
        salary: rec.get("salary")?.as_i64()?,
        year: joined.get(..4)?.parse().ok()?,
        tags,
        has_manager: !rec.get("manager").unwrap_or(&Value::Null).is_null(),
    })
}

#[derive(Default)]
struct DeptStats {
    count: i64,
    total: i64,
    max: i64,
    tags: usize,
}

fn json_transform(input: &Value) -> Option<Value> {
    let min_salary = match input.get("min_salary") {
        None => 0,
        Some(m) => m.as_i64()?,
    };
    let records = input.get("records")?.as_array()?;
    let mut people = Vec::new();
    for rec in records {
        let active = rec.get("active")?.as_bool()?;
        if active && rec.get("salary")?.as_i64()? >= min_salary {
            people.push(reshape(rec)?);
        }
    }
    // Departments in the order they are first seen, as the Python dict keeps them.
    let mut by_dept: Vec<(&str, DeptStats)> = Vec::new();
    for p in &people {
        let at = match by_dept.iter().position(|(d, _)| *d == p.dept) {
            Some(at) => at,
            None => {
                by_dept.push((p.dept, DeptStats::default()));
                by_dept.len() - 1
            }
        };
        let stats = &mut by_dept[at].1;
        stats.count += 1;
        stats.total += p.salary;
        stats.max = stats.max.max(p.salary);
        stats.tags += p.tags.len();
    }
    people.sort_by(|a, b| b.salary.cmp(&a.salary).then(a.id.cmp(&b.id)));
    let by_dept: Map<String, Value> = by_dept
        .into_iter()
        .map(|(dept, s)| {
            let stats = json!({
                "count": s.count, "total": s.total, "max": s.max, "tags": s.tags,
                "mean": s.total.div_euclid(s.count),
            });
            (dept.to_string(), stats)
        })
        .collect();
    Some(json!({
        "kept": people.len(),
        "skipped": records.len() - people.len(),
        "by_dept": by_dept,
        "top": people.iter().take(10).map(Person::to_json).collect::<Vec<_>>(),
        "ids": people.iter().map(|p| p.id).collect::<Vec<_>>(),
    }))
}

fn string_build(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let mut out = String::new();
    for i in 0..n {
        write!(out, "<{}>", i % 97).expect("writing to a String cannot fail");
    }
    // The pieces are ASCII, so bytes are characters.
    let head = &out[..out.len().min(24)];
    let tail = &out[out.len().saturating_sub(24)..];
    Some(json!({"n": n, "length": out.len(), "head": head, "tail": tail}))
}

fn matmul(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let seed = int(input, "seed")?;
    let r: Vec<i64> = ParkMiller(seed).take(2 * n * n).collect();
    let a: Vec<i64> = r[..n * n].iter().map(|x| x % 19 - 9).collect();
    let b: Vec<i64> = r[n * n..].iter().map(|x| x % 19 - 9).collect();
    // Row-major, i-k-j order: each row of the product is a sum of scaled rows of b.
    let mut c = vec![0i64; n * n];
    for i in 0..n {
        let out = &mut c[i * n..(i + 1) * n];
        for k in 0..n {
            let aik = a[i * n + k];
            for (cij, bkj) in out.iter_mut().zip(&b[k * n..(k + 1) * n]) {
                *cij += aik * bkj;
            }
        }
    }
    let trace: i64 = (0..n).map(|i| c[i * n + i]).sum();
    let total: i64 = c.iter().sum();
    let row0 = &c[..n];
    Some(json!({"n": n, "trace": trace, "sum": total, "row0": row0}))
}

fn sort_numbers(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let seed = int(input, "seed")?;
    let mut ys: Vec<i64> = ParkMiller(seed).take(n).map(|x| x % 1_000_000).collect();
    ys.sort_unstable();
    let checksum: i64 = ys.iter().zip(1..).map(|(y, i)| i * y).sum();
    Some(json!({
        "n": n,
        "min": ys.first(),
        "max": ys.last(),
        "median": ys.get(n / 2),
        "first": &ys[..n.min(5)],
        "last": &ys[n.saturating_sub(5)..],
        "checksum": checksum,
    }))
}

const REGIONS: &[&str] = &[
    "north", "south", "east", "west", "central", "islands", "overseas",
];
const PRODUCTS: &[&str] = &["widget", "gadget", "gizmo", "doohickey", "sprocket"];

struct Sale {
    region: usize,
    product: usize,
    amount: i64,
}

struct Group {
    count: u64,
    sum: i64,
    min: i64,
    max: i64,
    /// Per product: (product, count), in the order first seen.
    products: Vec<(usize, u64)>,
}

fn aggregate(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let seed = int(input, "seed")?;
    let sales: Vec<Sale> = ParkMiller(seed)
        .take(n)
        .map(|s| Sale {
            region: (s % REGIONS.len() as i64) as usize,
            product: (s / 7 % PRODUCTS.len() as i64) as usize,
            amount: s / 35 % 1000 + 1,
        })
        .collect();
    // Groups in the order their region is first seen, as the Python dict keeps them.
    let mut slot: [Option<usize>; REGIONS.len()] = [None; REGIONS.len()];
    let mut groups: Vec<(usize, Group)> = Vec::new();
    for sale in &sales {
        let at = *slot[sale.region].get_or_insert_with(|| {
            groups.push((
                sale.region,
                Group {
                    count: 0,
                    sum: 0,
                    min: sale.amount,
                    max: sale.amount,
                    products: Vec::new(),
                },
            ));
            groups.len() - 1
        });
        let g = &mut groups[at].1;
        g.count += 1;
        g.sum += sale.amount;
        g.min = g.min.min(sale.amount);
        g.max = g.max.max(sale.amount);
        match g.products.iter_mut().find(|(p, _)| *p == sale.product) {
            Some((_, count)) => *count += 1,
            None => g.products.push((sale.product, 1)),
        }
    }
    let regions = groups.len();
    let groups: Map<String, Value> = groups
        .into_iter()
        .map(|(region, g)| {
            let products: Map<String, Value> = g
                .products
                .iter()
                .map(|&(p, c)| (PRODUCTS[p].to_string(), json!(c)))
                .collect();
            let group = json!({
                "count": g.count, "sum": g.sum, "min": g.min, "max": g.max, "products": products,
            });
            (REGIONS[region].to_string(), group)
        })
        .collect();
    Some(json!({"n": n, "regions": regions, "groups": groups}))
}

const NAMES: &[&str] = &[
    "anvil", "bolt", "cable", "drill", "easel", "funnel", "gasket", "hinge", "ink", "jack",
    "kettle", "ladder",
];
const WIDTH: usize = 62;

fn report(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let seed = int(input, "seed")?;
    let title = input.get("title")?.as_str()?;
    let items: Vec<(String, i64, i64)> = ParkMiller(seed)
        .take(n)
        .enumerate()
        .map(|(i, s)| {
            let name = format!("{}-{}", NAMES[(s % NAMES.len() as i64) as usize], i + 1);
            (name, s / 12 % 40 + 1, s / 480 % 250_000 + 99)
        })
        .collect();
    let grand: i64 = items.iter().map(|(_, qty, cents)| qty * cents).sum();
    let units: i64 = items.iter().map(|(_, qty, _)| qty).sum();
    let mut lines = vec![
        title.to_uppercase(),
        "=".repeat(WIDTH),
        format!(
            "{:>4}  {:<16}{:>6}{:>11}{:>14}{:>9}",
            "#", "item", "qty", "price", "total", "share"
        ),
        "-".repeat(WIDTH),
    ];
    for (i, (name, qty, cents)) in items.iter().enumerate() {
        let total = qty * cents;
        let share = (total * 100) as f64 / grand as f64;
        lines.push(format!(
            "{:>4}  {:<16}{:>6}{:>11.2}{:>14.2}{:>8.1}%",
            i + 1,
            name,
            qty,
            *cents as f64 / 100.0,
            total as f64 / 100.0,
            share
        ));
    }
    lines.push("-".repeat(WIDTH));
    lines.push(format!(
        "{:>4}  {:<16}{:>6}{:>11}{:>14.2}{:>9}",
        "",
        "TOTAL",
        units,
        "",
        grand as f64 / 100.0,
        if n > 0 { "100.0%" } else { "" }
    ));
    let average = if n > 0 {
        grand as f64 / 100.0 / n as f64
    } else {
        0.0
    };
    lines.push(format!(
        "{n} items, {units} units, average {average:.2} per item"
    ));
    Some(json!({"lines": lines.len(), "text": lines.join("\n")}))
}

fn sieve(input: &Value) -> Option<Value> {
    let n = size(input, "n")?;
    let mut is_prime = vec![true; n + 1];
    let mut i = 2;
    while i * i <= n {
        if is_prime[i] {
            for j in (i * i..=n).step_by(i) {
                is_prime[j] = false;
            }
        }
        i += 1;
    }
    let primes: Vec<usize> = (2..=n).filter(|&i| is_prime[i]).collect();
    let sum: usize = primes.iter().sum();
    let last = &primes[primes.len().saturating_sub(5)..];
    Some(json!({"n": n, "count": primes.len(), "last": last, "sum": sum}))
}

fn map_filter(input: &Value) -> Option<Value> {
    let n = int(input, "n")?;
    let kept: Vec<i64> = (0..n)
        .map(|x| x * 7 % 1009)
        .filter(|y| y % 2 == 0)
        .collect();
    let sum: i64 = kept.iter().sum();
    // The first of the largest keys, as Python's max(key=…) picks it.
    let best = kept
        .iter()
        .copied()
        .reduce(|b, y| if y % 100 > b % 100 { y } else { b });
    let labels: Vec<String> = kept.iter().take(5).map(|y| format!("#{y}")).collect();
    Some(json!({
        "n": n,
        "kept": kept.len(),
        "sum": sum,
        "best": best,
        "big": kept.iter().any(|&y| y > 1000),
        "labels": labels,
    }))
}

#[cfg(test)]
mod tests;
