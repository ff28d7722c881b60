import os
from json import dumps


def main(args):
    return 1
