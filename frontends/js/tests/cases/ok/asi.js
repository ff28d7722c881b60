// Automatic semicolon insertion: line breaks end statements, `return` on its own line
// returns undefined, and a line break before `++` starts a new statement.
let a = 1
let b = a
++b
function f() {
  return
  42
}
let s = `multi
line ${a +
  b}`
do a++; while (a < 3)
if (a) b = 2
else b = 3
