def main(args):
    return b"raw bytes"
