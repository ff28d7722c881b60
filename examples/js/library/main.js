// The library of issue 4 with Node's results: arithmetic and conversions on every type,
// Math, parseInt/parseFloat/Number/String, toFixed, string and array methods, Object and JSON.
function main(p) {
  let r = [];
  r.push(0.1 + 0.2, 1e21, -1e-7, 5 / 0, -5 / 0, 0 / 0, 2 ** 10, 7 % -3, -7 % 3, "5" * "2", "5" + 2, 5 + "2", true + 1, null + 1, undefined + 1, [] + {}, [1,2] + [3]);
  r.push("abc" < "abd", 2 < "10", "2" < "10", null == undefined, null == 0, "" == 0, "1" == 1, NaN == NaN, 0 === -0);
  r.push(Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.max(), Math.min(1, "0"), Math.floor(-1.5), Math.abs(-3), Math.sqrt(2));
  r.push(parseInt("42px"), parseInt("0x1f"), parseFloat("3.14abc"), Number(""), Number(" 12 "), Number("1e3"), String(null), String([1,[2,3]]), isNaN("abc"));
  r.push((1.005).toFixed(2), (2.5).toFixed(0), (-1.5).toFixed(0), (1234.5678).toFixed(1), (0).toFixed(2));
  r.push("héllo wörld".length, "😀x".length, "abc".charAt(1), "a,b,,c".split(","), "abc".split(""), " x ".trim(), "ab".padStart(5, "-"), "abcabc".replace("b", "X"), "abcabc".replaceAll("b", "X"));
  r.push([3, 1, 10, 2].sort(), [3, 1, 10, 2].sort((a, b) => a - b), [1, 2, 3].indexOf(2), [NaN].includes(NaN), [NaN].indexOf(NaN), [1, 2, 3].join("-"), [1, [2, 3]].concat([4], 5), [1, 2, 3].slice(-2), [1,2,3].reverse());
  r.push(Object.keys({ b: 1, a: 2, 1: 3 }), Object.values({ x: [1] }), JSON.stringify({ a: [1, "x", null, undefined], b: undefined, c: () => 1 }), JSON.parse('{"x": [1, 2, {"y": null}]}'));
  r.push(JSON.stringify({a: 1, b: [1, 2]}, null, 2));
  r.push(typeof null, typeof [], typeof "s", typeof 1, typeof undefined, typeof {}, typeof main);
  r.push(1 && 2, 0 && 2, 0 || "x", null ?? "d", 0 ?? "d", !0, !"", -"3", +"4");
  return r;
}
