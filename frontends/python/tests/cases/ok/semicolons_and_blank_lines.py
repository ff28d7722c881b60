

def main(args):

    x = 1; y = 2;


    return x + y
