# Login against a world: the user record comes from containerless.get.
import containerless


def check(user, password):
    record = containerless.get("https://users.example/" + user)
    if record is None:
        return "no such user"
    if record["password"] != password:
        return "wrong password"
    return None


def main(args):
    user = args.get("user")
    password = args.get("password", "")
    if not user:
        return {"status": 400, "error": "missing user"}
    problem = check(user, password)
    if problem:
        print("login failed for", user)
        return {"status": 401, "error": problem}
    containerless.post("https://audit.example/login", {"user": user})
    profile = containerless.get("https://users.example/" + user)
    return {"status": 200, "welcome": f"Hello, {profile['name']}!", "roles": profile["roles"]}
