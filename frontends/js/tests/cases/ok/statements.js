let out = [];
outer: for (let i = 0; i < 3; i++) {
  inner: for (const j of [1, 2]) {
    if (j === 2) continue outer;
    if (i === 2) break inner;
  }
}
while (false) {}
do {} while (false);
for (;;) { break; }
for (var k = 0, m = 1; k < 1; k++, m--) {}
for (const ch of "héllo") out.push(ch);
try { throw new TypeError("x"); } catch (e) { out.push(e.message); } finally { out.push(1); }
try { } catch { }
try { } finally { }
label: while (true) break label;
;
