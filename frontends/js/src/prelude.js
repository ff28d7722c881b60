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

// Array.prototype.sort with a comparator, as V8 sorts arrays of fewer than 64 elements
// (TimSort's first run, then binary insertion), calling the comparator in the same order;
// undefined elements go last without being compared. Longer arrays are merge sorted, in
// O(n log n) comparisons and stable, as V8's TimSort is: the same result for consistent
// comparators, though the comparator is called in another order.
function $tl_compare(f, x, y) {
  const order = Number(f(x, y));
  return order !== order ? 0 : order;
}

function $tl_sort(a, f) {
  if (f === undefined) {
    return a.sort();
  }
  if (typeof f !== "function") {
    throw new TypeError("The comparison function must be either a function or undefined");
  }
  const xs = [];
  let holes = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === undefined) {
      holes++;
    } else {
      xs.push(a[i]);
    }
  }
  const n = xs.length;
  if (n >= 64) {
    $tl_merge_sort(xs, f);
  } else if (n >= 2) {
    let run = 2;
    const descending = $tl_compare(f, xs[1], xs[0]) < 0;
    let previous = xs[1];
    for (let i = 2; i < n; i++) {
      const order = $tl_compare(f, xs[i], previous);
      if (descending ? order >= 0 : order < 0) {
        break;
      }
      previous = xs[i];
      run++;
    }
    if (descending) {
      for (let lo = 0, hi = run - 1; lo < hi; lo++, hi--) {
        const t = xs[lo];
        xs[lo] = xs[hi];
        xs[hi] = t;
      }
    }
    for (let start = run; start < n; start++) {
      const pivot = xs[start];
      let left = 0;
      let right = start;
      while (left < right) {
        const mid = left + Math.floor((right - left) / 2);
        if ($tl_compare(f, pivot, xs[mid]) < 0) {
          right = mid;
        } else {
          left = mid + 1;
        }
      }
      for (let q = start; q > left; q--) {
        xs[q] = xs[q - 1];
      }
      xs[left] = pivot;
    }
  }
  for (let i = 0; i < n; i++) {
    a[i] = xs[i];
  }
  for (let i = 0; i < holes; i++) {
    a[n + i] = undefined;
  }
  return a;
}

// A stable bottom-up merge sort of `xs` in place: a tie keeps the left element first.
function $tl_merge_sort(xs, f) {
  const n = xs.length;
  let src = xs;
  let dst = xs.slice();
  for (let width = 1; width < n; width = width * 2) {
    for (let lo = 0; lo < n; lo = lo + 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ($tl_compare(f, src[j], src[i]) < 0) {
          dst[k] = src[j];
          j++;
        } else {
          dst[k] = src[i];
          i++;
        }
        k++;
      }
      while (i < mid) {
        dst[k] = src[i];
        i++;
        k++;
      }
      while (j < hi) {
        dst[k] = src[j];
        j++;
        k++;
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== xs) {
    for (let i = 0; i < n; i++) {
      xs[i] = src[i];
    }
  }
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

// `a.splice(start, count, ...items)`; `argc` is how many arguments the call passed,
// `items` the inserted elements as an array.
function $tl_splice(a, argc, start, count, items) {
  const len = a.length;
  let s = Math.trunc(Number(start));
  if (s !== s || argc === 0) {
    s = 0;
  }
  s = s < 0 ? Math.max(len + s, 0) : Math.min(s, len);
  let c = len - s;
  if (argc === 0) {
    c = 0;
  } else if (argc >= 2) {
    c = Math.trunc(Number(count));
    if (c !== c) {
      c = 0;
    }
    c = Math.min(Math.max(c, 0), len - s);
  }
  const removed = a.slice(s, s + c);
  const tail = a.slice(s + c);
  a.length = s;
  for (const x of items) {
    a.push(x);
  }
  for (const x of tail) {
    a.push(x);
  }
  return removed;
}

// `a.at(i)` for arrays and strings.
function $tl_at(a, i) {
  let k = Math.trunc(Number(i));
  if (k !== k) {
    k = 0;
  }
  if (k < 0) {
    k += a.length;
  }
  return k < 0 || k >= a.length ? undefined : a[k];
}
