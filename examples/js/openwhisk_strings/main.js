// OpenWhisk style string processing: word counts, title case, a slug, and a padded
// table of the most frequent words, over text with non-ASCII characters.
function titleCase(s) {
  return s.split(' ').map(w => w.length === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ');
}

function slug(s) {
  let out = '';
  for (const ch of s.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out += ch;
    } else if (!out.endsWith('-')) {
      out += '-';
    }
  }
  while (out.endsWith('-')) {
    out = out.substring(0, out.length - 1);
  }
  return out;
}

function main(params) {
  let text = String(params.text ?? '');
  let words = text.split(' ').filter(w => w !== '');
  let counts = {};
  words.forEach(w => {
    let k = w.toLowerCase();
    counts[k] = (counts[k] || 0) + 1;
  });
  let top = Object.keys(counts).sort((a, b) => counts[b] - counts[a]).slice(0, 3);
  let table = top.map(w => w.padEnd(8, '.') + String(counts[w]).padStart(3));
  console.log(table);
  return {
    length: text.length,
    words: words.length,
    title: titleCase(text),
    slug: slug(text),
    top: table,
    reversed: words.slice().reverse().join(' '),
    hasTrace: text.includes('trace'),
    firstTrace: text.indexOf('trace'),
  };
}
