"""Language data of English: word lists (*.txt) and morphology."""
