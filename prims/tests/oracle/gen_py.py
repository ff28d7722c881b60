#!/usr/bin/env python3
# Regenerate with CPython 3.11, from the repository root:
#     python3 prims/tests/oracle/gen_py.py > prims/tests/oracle/py_cases.json
"""Evaluates Python primitive cases with the real CPython and prints them as
JSON for prims/tests/oracle_py.rs.

Encoding: a float is {"f": repr(x)}, an int {"i": str(x)}, a str a JSON
string, None null, a list a JSON array. A case is
{"op", "args", "ok": value} or {"op", "args", "err": [class, message]}.
Cases where tracelab deliberately deviates carry "deviation": true.
"""
import json
import math
import sys

assert sys.version_info[:2] == (3, 11), sys.version
sys.set_int_max_str_digits(0)  # only for encoding; cases set it back below


def enc(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return {"f": repr(v)}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    return v  # str or None


cases = []


def case(op, fn, *args, deviation=None):
    c = {"op": op, "args": [enc(a) for a in args]}
    if deviation is not None:
        c["err"] = list(deviation)
        c["deviation"] = True
        cases.append(c)
        return
    if op == "float_pow" and -INF < args[0] < 0 and math.isfinite(args[1]) and args[1] != int(args[1]):
        # CPython returns a complex (or raises OverflowError "complex
        # exponentiation"); tracelab has no complex numbers.
        c["err"] = ["ValueError", "complex result is outside the tracelab subset"]
        c["deviation"] = True
        cases.append(c)
        return
    sys.set_int_max_str_digits(4300)
    try:
        r = ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - the exception is the expected value
        r = ("err", [type(e).__name__, str(e)])
    finally:
        sys.set_int_max_str_digits(0)
    c[r[0]] = enc(r[1]) if r[0] == "ok" else r[1]
    cases.append(c)


def cmp3(a, b):
    if a < b:
        return "lt"
    if a == b:
        return "eq"
    if a > b:
        return "gt"
    return None


INF, NAN = float("inf"), float("nan")
ints = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 2**31, 2**53 - 1, 2**53, 2**53 + 1,
        -(2**53) - 1, 2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**64 + 7, 10**30,
        -(10**30) + 1, 3**100, 2**1023 * 3, 2**1024, -(2**1024), 10**400]
small_ints = [0, 1, -1, 2, -3, 7, 2**63 - 1, -(2**63), 10**30, -(2**64)]

for a in ints:
    for b in small_ints:
        case("int_add", lambda x, y: x + y, a, b)
        case("int_sub", lambda x, y: x - y, a, b)
        case("int_mul", lambda x, y: x * y, a, b)
        case("int_floordiv", lambda x, y: x // y, a, b)
        case("int_mod", lambda x, y: x % y, a, b)
        case("int_truediv", lambda x, y: x / y, a, b)
        case("int_cmp", cmp3, a, b)
    case("int_neg", lambda x: -x, a)
    case("int_abs", abs, a)
    case("int_to_float", float, a)
    case("int_str", str, a)
for a, b in [(1, 3), (2**1100, 3**600), (3**600, 2**1100), (1, 2**1080), (1, 10**330),
             (10**400, 10**100), (2**2000, 2**900), (2**1024 - 1, 1), (2**1025, 2),
             (-(2**1100), 7), (10**300 + 1, 10**299), (2**54 + 1, 2), (2**60 + 3, 2**7),
             (-5, 2**100), (1, -(10**1000)), (2**2000, 2**976)]:
    case("int_truediv", lambda x, y: x / y, a, b)
for a in [0, 1, -1, 2, -2, 3, -3, 10, 2**64, -(2**63)]:
    for b in [0, 1, 2, 3, 63, 64, 100, -1, -2, -3, 2**70]:
        if b == 2**70 and abs(a) > 1:
            case("int_pow", None, a, b, deviation=("MemoryError",
                 "tracelab: ** result exceeds 100000 bits"))
            continue
        case("int_pow", lambda x, y: x ** y, a, b)
case("int_pow", lambda x, y: x ** y, 2**2000, -1)
case("int_pow", lambda x, y: x ** y, 10, -(10**400))
case("int_pow", None, 3, 70_000, deviation=("MemoryError",
     "tracelab: ** result exceeds 100000 bits"))
case("int_pow", lambda x, y: x ** y, 2, 99_999)
case("int_str", str, 10**4300 - 1)
case("int_str", str, 10**4300)
case("int_str", str, -(10**5000))
for s in ["0", "-0", "+5", "  42\n", "1_000", "1__0", "_1", "1_", "", " ", "12a",
          "0x10", "007", "\u0663\u0664", "\u30001\u3000", "\x1c1", "1.0", "--1",
          "9" * 4300, "9" * 4301, "1" + "_1" * 4300, "\u00e9", "x" * 300, "'",
          "99999999999999999999999999", "-9223372036854775809", "\t+1_2_3\t"]:
    case("int_parse", int, s)
for a in [0, 1, -1, 2**53, 2**53 + 1, -(2**53) - 1, 2**63, 10**400, -(10**400), 3]:
    for f in [0.0, -0.0, 1.0, -1.0, 0.5, 2.0**53, 2.0**53 + 2, 9007199254740992.0,
              -9007199254740992.0, 2.5, 1e300, INF, -INF, NAN, 2.0**63, 3.0]:
        case("int_float_cmp", cmp3, a, f)

floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2.5, -2.5, 0.5, 1.5,
          1e16, 1e15, 123456789012345.0, 1234567890123456.0, 1e-4, 1e-5,
          0.00012345, 1e22, 1e23, 1.5e300, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 2.0**53, 2.0**53 + 2, 100.0, 12.0, -7.0, 3.0,
          INF, -INF, NAN]
for x in floats:
    case("float_repr", repr, x)
    case("float_to_int", int, x)
    case("round", round, x, None)
    for nd in [0, 1, 2, -1, -2, 3, 400, -400, 15]:
        case("round", round, x, nd)
for x in [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -0.5, 12345.6789, 1e308, 1.7976931348623157e308]:
    for nd in [-308, -300, -2, -1, 0, 1, 2, 3, 20]:
        case("round", round, x, nd)
bin_floats = [0.0, -0.0, 1.0, -1.0, 5.5, -5.5, 3.0, -3.0, 0.1, 1e300, -1e-300,
              INF, -INF, NAN, 2.0, 0.5]
for a in bin_floats:
    for b in bin_floats:
        case("float_floordiv", lambda x, y: x // y, a, b)
        case("float_mod", lambda x, y: x % y, a, b)
        case("float_truediv", lambda x, y: x / y, a, b)
        case("float_pow", lambda x, y: x ** y, a, b)
for a, b in [(10.0, 400.0), (-10.0, 401.0), (2.0, -1080.0), (1e200, 2.0), (-8.0, 1 / 3),
             (2.0, 0.5), (-2.0, 3.0), (-2.0, -3.0), (-0.0, -1.0), (-0.0, 3.0), (-0.0, 2.5)]:
    case("float_pow", lambda x, y: x ** y, a, b)
for s in ["1.5", "  -2.5e3 ", "inf", "-Infinity", "+iNF", "nan", "-nan", "1_000.5",
          "1__0", "1_", "_1", ".5", "5.", ".", "e5", "1e", "1e+", "1e-3", "0x10",
          "", "abc", "1.2.3", "\u0663.5", "1e400", "-0", "1_0e1_0", "1e5.5", "infinity",
          "in f", "\u3000 7 \u3000", "\x1c1", "0.1", "1E5", "1.7976931348623159e308"]:
    case("float_parse", float, s)

strs = ["", "a", "hello world", "it's", 'say "hi"', "both ' and \"", "tab\there",
        "new\nline", "back\\slash", "\x00\x7f\x80\x9f", "caf\u00e9", "\u00a0nbsp",
        "\u200b\u2028", "\U0001F600 emoji", "\ud7ff\ue000\uffff", "\U000E0001",
        "\u0378", "\u00ad", "ß", "ΣΑΣ ΟΔΟΣ", "İ", "ﬃ", "\u3000ideo\u3000"]
for s in strs:
    case("str_repr", repr, s)
    case("upper", str.upper, s)
    case("lower", str.lower, s)
    case("isdigit", str.isdigit, s)
    case("isalpha", str.isalpha, s)
    case("char_len", len, s)
    case("strip", str.strip, s, None)
for s in ["123", "\u0663\u0664", "²", "½", "abcé", "ab1", "日本", "\u0301"]:
    case("isdigit", str.isdigit, s)
    case("isalpha", str.isalpha, s)
for s, chars in [("  x  ", None), ("\t\n x \x1c\x1f\x85", None), ("xxhixx", "x"),
                 ("abcba", "ab"), ("", None), ("\u3000a\u2029", None), ("ééaé", "é")]:
    case("strip", str.strip, s, chars)
    case("lstrip", str.lstrip, s, chars)
    case("rstrip", str.rstrip, s, chars)
for s in ["a,b,,c", "  a  b c  ", "", ",", "a", "\u3000x\x1cy\x85z", "aaa", "1<>2<>3"]:
    for sep in [None, ",", "", "<>", "aa", " "]:
        for n in [-1, 0, 1, 2]:
            case("split", str.split, s, sep, n)
            case("rsplit", str.rsplit, s, sep, n)
for s, old, new in [("aaaa", "a", "b"), ("aaaa", "aa", "x"), ("abc", "", "-"), ("", "", "x"),
                    ("héllo", "l", "L"), ("abc", "z", "y"), ("😀😀", "😀", "a")]:
    for n in [-1, 0, 1, 2]:
        case("replace", str.replace, s, old, new, n)
for s, sub in [("hello", "l"), ("hello", "lo"), ("hello", ""), ("héllo wörld", "ö"),
               ("😀a😀a", "a"), ("", ""), ("", "a"), ("aaaa", "aa"), ("abc", "d")]:
    case("find", str.find, s, sub)
    case("rfind", str.rfind, s, sub)
    case("index", str.index, s, sub)
    case("count", str.count, s, sub)
    case("startswith", str.startswith, s, sub)
    case("endswith", str.endswith, s, sub)
for sep, parts in [(",", ["a", "b"]), ("", []), ("-", ["x"]), ("é", ["", "", ""])]:
    case("join", lambda s, p: s.join(p), sep, parts)
for s in ["héllo", "", "😀x"]:
    for i in [0, 1, -1, 4, 5, -5, -6, 2**63 - 1, -(2**63)]:
        case("char_at", lambda t, k: t[k], s, i)


def indices(n, a, b, c):
    return list(range(*slice(a, b, c).indices(n)))


for n in [0, 1, 5, 10]:
    for a, b, c in [(None, None, None), (1, None, None), (None, -1, None), (-3, None, None),
                    (None, None, -1), (None, None, 2), (8, 2, -2), (-100, 100, 3),
                    (100, -100, -3), (None, None, 0), (2**63 - 1, None, -1),
                    (-(2**63), 2**63 - 1, 2**63 - 1), (None, None, -(2**63)), (3, 3, 1)]:
        case("slice_indices", indices, n, a, b, c)

fmt_floats = [0.0, -0.0, 1.0, -1.5, 3.14159, 1234567.891, 0.000123, 1e16, 1e-5, 1e22,
              2.5, 0.125, 123.456, 1e300, -1e-300, INF, -INF, NAN, 0.1 + 0.2, 100.0]
fmt_specs = ["", "f", ".2f", ".0f", "#.0f", ".3e", "e", "E", ".0e", "g", ".3g", "G",
             "#g", ".10g", "%", ".1%", ",", ",.2f", "_.3f", "10.2f", "<10.2f", "^10.1f",
             "=+10.2f", "+.1f", " .1f", "010.2f", "010,.1f", "*>12.3e", ".3", ".1",
             "z.1f", "12", "x", "d", "s", ".f", "10.2fx"]
for x in fmt_floats:
    for spec in fmt_specs:
        case("format_float", format, x, spec)
fmt_ints = [0, 1, -1, 42, -1234567, 2**64, 10**30, 10**5000, 255]
int_specs = ["", "d", "5d", "<5", "^7", "+d", " d", ",", "_", "08,", "09,", "010,d", "x", "#x",
             "X", "#o", "b", "#010b", "_b", ",x", "e", ".2f", "%", "g", ".3", "s", "c?", "=8"]
for n in fmt_ints:
    for spec in int_specs:
        case("format_int", format, n, spec)
for s in ["", "abc", "héllo", "😀"]:
    for spec in ["", "s", "5", "<5", ">5", "^6", "*^7", ".2", "5.1s", "05", "+", "#",
                 "=5", ",", "d", "x<4"]:
        case("format_str", format, s, spec)

print("[\n" + ",\n".join(json.dumps(c, ensure_ascii=True) for c in cases) + "\n]")
