// Identifiers and strings with non-ASCII characters: spans are byte offsets.
let café = "crème brûlée";
let 名前 = café.length + "😀".length;
