# login: check a username and password against the user table held in the program.
# Passwords are stored as salted, key-stretched hashes (a toy PBKDF: `rounds` passes over
# the password), as a real service would store them; the stretching is the work per call.
MODULUS = 1000000007

USERS = {
    "alice": {"name": "Alice Liddell", "salt": "q7Zp", "rounds": 200, "hash": 317987821,
              "roles": ["admin", "dev"]},
    "bob": {"name": "Bob Marley", "salt": "M2xk", "rounds": 200, "hash": 870556122,
            "roles": ["dev"]},
    "carol": {"name": "Carol Danvers", "salt": "Lp09", "rounds": 200, "hash": 660426612,
              "roles": ["ops", "oncall"]},
    "dave": {"name": "Dave Bowman", "salt": "Zz81", "rounds": 200, "hash": 613424665,
             "roles": [], "disabled": True},
}


def stretch(salt, password, rounds):
    h = 7
    for ch in salt + ":" + password:
        h = (h * 31 + ord(ch)) % MODULUS
    for r in range(rounds):
        for ch in password:
            h = (h * 131 + ord(ch) + r) % MODULUS
    return h


def main(args):
    username = args.get("username")
    password = args.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or username == "":
        return {"status": 400, "error": "username and password are required"}
    key = username.strip().lower()
    user = USERS.get(key)
    if user is None or stretch(user["salt"], password, user["rounds"]) != user["hash"]:
        return {"status": 401, "error": "invalid username or password"}
    if user.get("disabled", False):
        return {"status": 403, "error": "account disabled"}
    return {
        "status": 200,
        "user": key,
        "name": user["name"],
        "roles": user["roles"],
        "greeting": f"Welcome back, {user['name']}!",
    }
