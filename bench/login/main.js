// login: check a username and password against the user table held in the program.
// Passwords are stored as salted, key-stretched hashes (a toy PBKDF: `rounds` passes over
// the password), as a real service would store them; the stretching is the work per call.
const MODULUS = 1000000007;

const USERS = {
  alice: { name: 'Alice Liddell', salt: 'q7Zp', rounds: 200, hash: 317987821, roles: ['admin', 'dev'] },
  bob: { name: 'Bob Marley', salt: 'M2xk', rounds: 200, hash: 870556122, roles: ['dev'] },
  carol: { name: 'Carol Danvers', salt: 'Lp09', rounds: 200, hash: 660426612, roles: ['ops', 'oncall'] },
  dave: { name: 'Dave Bowman', salt: 'Zz81', rounds: 200, hash: 613424665, roles: [], disabled: true },
};

function stretch(salt, password, rounds) {
  const seeded = salt + ':' + password;
  let h = 7;
  for (let i = 0; i < seeded.length; i++) {
    h = (h * 31 + seeded.charCodeAt(i)) % MODULUS;
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < password.length; i++) {
      h = (h * 131 + password.charCodeAt(i) + r) % MODULUS;
    }
  }
  return h;
}

function main(params) {
  const username = params.username;
  const password = params.password;
  if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
    return { status: 400, error: 'username and password are required' };
  }
  const key = username.trim().toLowerCase();
  const user = USERS[key];
  if (user === undefined || stretch(user.salt, password, user.rounds) !== user.hash) {
    return { status: 401, error: 'invalid username or password' };
  }
  if (user.disabled) {
    return { status: 403, error: 'account disabled' };
  }
  return {
    status: 200,
    user: key,
    name: user.name,
    roles: user.roles,
    greeting: `Welcome back, ${user.name}!`,
  };
}
