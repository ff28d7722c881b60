import containerless


def main(input):
    user = containerless.get("https://api/users/" + input["id"])
    if user is None:
        return {"error": "no such user"}
    saved = containerless.post("https://api/audit", {"id": input["id"]})
    print("audit: " + str(saved))
    return {"name": user["name"], "admin": user["admin"], "audit": saved}
