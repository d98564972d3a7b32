"""Language data of Russian: word lists (*.txt) and morphology."""
