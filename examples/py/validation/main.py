# Input validation with early returns.
def validate(user):
    if not isinstance(user, dict):
        return "user must be an object"
    name = user.get("name")
    if not isinstance(name, str) or len(name.strip()) == 0:
        return "name is required"
    age = user.get("age")
    if age is None:
        return "age is required"
    if isinstance(age, bool) or not isinstance(age, int):
        return "age must be an integer"
    if not 0 <= age < 150:
        return f"age out of range: {age}"
    email = user.get("email", "")
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        return "bad email"
    return None


def main(args):
    problem = validate(args.get("user"))
    if problem is not None:
        return {"ok": False, "error": problem}
    return {"ok": True, "greeting": "Hi " + args["user"]["name"].strip().upper()}
