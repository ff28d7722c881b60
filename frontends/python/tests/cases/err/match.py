def main(args):
    match args:
        case 1:
            return 1
    return 0
