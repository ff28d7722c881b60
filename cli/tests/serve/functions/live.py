# Reads a user record from a live service; `other` names a host the server may not reach.
import containerless


def main(args):
    url = "http://" + args["host"] + "/users/" + args["user"]
    user = containerless.get(url)
    other = containerless.get("http://" + args["other"] + "/users/" + args["user"])
    if user is None:
        return {"found": False, "other": other}
    return {"found": True, "user": user, "other": other}
