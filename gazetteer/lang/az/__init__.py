"""Language data of Azerbaijani: word lists (*.txt) and morphology."""
