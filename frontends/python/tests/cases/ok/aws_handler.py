import containerless


def lambda_handler(event, context):
    page = containerless.get("https://example.com/" + event["id"])
    containerless.post("https://example.com/log", page)
    return {"name": context.function_name, "page": page}
