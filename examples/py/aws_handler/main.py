# AWS style: `lambda_handler(event, context)` with the minimal context object.
def lambda_handler(event, context):
    name = event.get("name", "world")
    return {
        "statusCode": 200,
        "body": f"Hello, {name}! from {context.function_name}",
        "memory": context.memory_limit_in_mb,
    }
