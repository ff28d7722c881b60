// Maze: breadth-first search with shift/push over a global grid, from the request's
// start to its goal; the answer is the length of the shortest path and the path itself.
let containerless = require('containerless');

const grid = [
  '#########',
  '#S..#...#',
  '#.#.#.#.#',
  '#.#...#.#',
  '#.#####.#',
  '#...#..G#',
  '#########',
];

function bfs(start, goal) {
  let seen = {};
  let prev = {};
  let queue = [start];
  seen[start.join(',')] = true;
  while (queue.length > 0) {
    let cur = queue.shift();
    if (cur[0] === goal[0] && cur[1] === goal[1]) {
      let path = [];
      let key = cur.join(',');
      while (key !== undefined) {
        path.unshift(key);
        key = prev[key];
      }
      return path;
    }
    let moves = [[cur[0] - 1, cur[1]], [cur[0] + 1, cur[1]], [cur[0], cur[1] - 1], [cur[0], cur[1] + 1]];
    for (const next of moves) {
      let k = next.join(',');
      if (grid[next[0]][next[1]] !== '#' && !seen[k]) {
        seen[k] = true;
        prev[k] = cur.join(',');
        queue.push(next);
      }
    }
  }
  return null;
}

containerless.listen(function (req) {
  let path = bfs(req.body.start, req.body.goal);
  if (path === null) {
    containerless.respond({ reachable: false });
  } else {
    containerless.respond({ reachable: true, steps: path.length - 1, path: path.join(' ') });
  }
});
