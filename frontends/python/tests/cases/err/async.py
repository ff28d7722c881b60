async def main(args):
    return 1
