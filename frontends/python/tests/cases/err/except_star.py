def main(args):
    try:
        pass
    except* ValueError:
        pass
    return 0
