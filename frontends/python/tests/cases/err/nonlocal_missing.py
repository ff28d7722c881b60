def main(args):
    def inner():
        nonlocal zzz
        zzz = 1
    return 1
