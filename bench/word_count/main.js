// word_count: count the words of a few KB of text from the input (split on whitespace,
// strip punctuation, lower-case), and return the ten most frequent, ties by word.
const PUNCTUATION = ".,;:!?\"'()";

function stripPunctuation(word) {
  let start = 0;
  let end = word.length;
  while (start < end && PUNCTUATION.includes(word[start])) {
    start++;
  }
  while (end > start && PUNCTUATION.includes(word[end - 1])) {
    end--;
  }
  return word.slice(start, end);
}

function main(params) {
  const counts = {};
  let total = 0;
  const words = params.text.replaceAll('\n', ' ').split(' ');
  for (const raw of words) {
    const word = stripPunctuation(raw).toLowerCase();
    if (word) {
      counts[word] = (counts[word] || 0) + 1;
      total++;
    }
  }
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = ranked.slice(0, params.top === undefined ? 10 : params.top);
  return { words: total, distinct: Object.keys(counts).length, top: top };
}
