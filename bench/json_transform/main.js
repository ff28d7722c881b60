// json_transform: 200 employee records from the input are filtered (active, salary at
// least min_salary), reshaped (display name, normalised e-mail, year, sorted tags) and
// aggregated per department (count, total, max, integer mean), people ranked by salary.
function reshape(rec) {
  const space = rec.name.indexOf(' ');
  const first = rec.name.slice(0, space);
  const last = rec.name.slice(space + 1);
  return {
    id: rec.id,
    display: `${last}, ${first}`,
    email: rec.email.toLowerCase(),
    dept: rec.dept,
    salary: rec.salary,
    year: parseInt(rec.joined.slice(0, 4), 10),
    tags: rec.tags.slice().sort(),
    has_manager: rec.manager !== null && rec.manager !== undefined,
  };
}

function main(params) {
  const minSalary = params.min_salary === undefined ? 0 : params.min_salary;
  const records = params.records;
  const people = records.filter(r => r.active && r.salary >= minSalary).map(reshape);
  const byDept = {};
  for (const p of people) {
    let stats = byDept[p.dept];
    if (stats === undefined) {
      stats = { count: 0, total: 0, max: 0, tags: 0 };
      byDept[p.dept] = stats;
    }
    stats.count += 1;
    stats.total += p.salary;
    stats.max = Math.max(stats.max, p.salary);
    stats.tags += p.tags.length;
  }
  for (const stats of Object.values(byDept)) {
    stats.mean = Math.floor(stats.total / stats.count);
  }
  people.sort((a, b) => b.salary - a.salary || a.id - b.id);
  return {
    kept: people.length,
    skipped: records.length - people.length,
    by_dept: byDept,
    top: people.slice(0, 10),
    ids: people.map(p => p.id),
  };
}
