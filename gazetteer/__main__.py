# `python -m gazetteer`: the console script's entry point (gazetteer/launch.py), which
# answers a one-name lookup itself and hands every other command line to the click CLI
from .launch import main

main(prog_name="gazetteer")
