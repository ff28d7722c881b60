// The tracelab JavaScript prelude: library functions that call closures, written in the
// subset itself (the λπ approach) so that tracing sees the calls. The lowering adds a
// function to a program only when the program uses it; `$tl_` names are reserved.

// V8 names a plain object `#<Object>` in this message, other values by their string.
function $tl_check(f) {
  if (typeof f !== "function") {
    const shown = typeof f === "object" && f !== null && !Array.isArray(f) ? "#<Object>" : String(f);
    throw new TypeError(shown + " is not a function");
  }
}

function $tl_map(a, f) {
  $tl_check(f);
  const out = [];
  for (let i = 0; i < a.length; i++) {
    out.push(f(a[i], i, a));
  }
  return out;
}

function $tl_filter(a, f) {
  $tl_check(f);
  const out = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (f(x, i, a)) {
      out.push(x);
    }
  }
  return out;
}

function $tl_forEach(a, f) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    f(a[i], i, a);
  }
}

function $tl_find(a, f) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    if (f(a[i], i, a)) {
      return a[i];
    }
  }
  return undefined;
}

function $tl_findIndex(a, f) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    if (f(a[i], i, a)) {
      return i;
    }
  }
  return -1;
}

function $tl_some(a, f) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    if (f(a[i], i, a)) {
      return true;
    }
  }
  return false;
}

function $tl_every(a, f) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    if (!f(a[i], i, a)) {
      return false;
    }
  }
  return true;
}

function $tl_reduce(a, f, acc) {
  $tl_check(f);
  for (let i = 0; i < a.length; i++) {
    acc = f(acc, a[i], i, a);
  }
  return acc;
}

function $tl_reduce1(a, f) {
  $tl_check(f);
  if (a.length === 0) {
    throw new TypeError("Reduce of empty array with no initial value");
  }
  let acc = a[0];
  for (let i = 1; i < a.length; i++) {
    acc = f(acc, a[i], i, a);
  }
  return acc;
}

// A stable insertion sort with a comparator, in place (as V8's sort is stable);
// undefined elements go last without calling the comparator.
function $tl_sort(a, f) {
  if (f === undefined) {
    return a.sort();
  }
  if (typeof f !== "function") {
    throw new TypeError("The comparison function must be either a function or undefined");
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && (a[j] === undefined || (x !== undefined && f(a[j], x) > 0))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

function $tl_Number(x) {
  return Number(x);
}

function $tl_String(x) {
  return String(x);
}

function $tl_Boolean(x) {
  return Boolean(x);
}

function $tl_parseInt(s, radix) {
  return parseInt(s, radix);
}

function $tl_parseFloat(s) {
  return parseFloat(s);
}

function $tl_isNaN(x) {
  return isNaN(x);
}
