"""Language data of Turkish: word lists (*.txt) and morphology."""
